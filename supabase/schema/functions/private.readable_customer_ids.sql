-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.readable_customer_ids() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  me uuid := (select auth.uid());
begin
  if (select private.my_role()) = 'area_manager' then  -- and the customers of my areas
    return array(select c.id from public.customers c where c.owner_chain @> array[me]
                 union
                 select private.staff_customer_ids());
  end if;
  return array(select c.id from public.customers c where c.owner_chain @> array[me]);
end
$$;

REVOKE ALL ON FUNCTION private.readable_customer_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.readable_customer_ids() TO authenticated;
GRANT ALL ON FUNCTION private.readable_customer_ids() TO service_role;
