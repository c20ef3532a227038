-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.staff_customer_ids() RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := (select auth.uid());
  role text := (select private.my_role());
begin
  if role = 'manager' then
    return query select c.id from public.customers c;
  elsif role = 'area_manager' then
    return query select c.id from public.customers c
      where c.area_id = any(array(select private.my_area_ids()));
  elsif role = 'rep' then
    return query select c.id from public.customers c where c.owner_chain @> array[who];
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.staff_customer_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_customer_ids() TO authenticated;
