-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.managed_rep_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p
  where p.role = 'rep' and (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and p.area_id in (select private.my_area_ids()))
  )
$$;

REVOKE ALL ON FUNCTION private.managed_rep_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.managed_rep_ids() TO authenticated;
