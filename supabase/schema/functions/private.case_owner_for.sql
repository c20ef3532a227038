-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_owner_for(p_customer_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id, 0 as depth from public.areas a
     where a.id = (select c.area_id from public.customers c where c.id = p_customer_id)
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select coalesce(
    (select p.id from public.profiles p join up on up.id = p.area_id
      where p.role = 'area_manager' and p.active order by up.depth, p.id limit 1),
    (select c.owner_id from public.customers c where c.id = p_customer_id))
$$;

REVOKE ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_owner_for(p_customer_id uuid) TO service_role;
