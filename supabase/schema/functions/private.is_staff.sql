-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.is_staff() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select private.my_role()) in ('rep', 'area_manager', 'manager'), false)
$$;

REVOKE ALL ON FUNCTION private.is_staff() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_staff() TO authenticated;
