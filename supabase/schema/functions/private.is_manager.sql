-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.is_manager() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce((select private.my_role()) = 'manager', false);
end
$$;

REVOKE ALL ON FUNCTION private.is_manager() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_manager() TO authenticated;
