-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.is_manager() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select private.my_role()) = 'manager', false)
$$;

REVOKE ALL ON FUNCTION private.is_manager() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_manager() TO authenticated;
