-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.audit_actor() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p where p.id = (select auth.uid())
$$;

REVOKE ALL ON FUNCTION private.audit_actor() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_actor() TO authenticated;
GRANT ALL ON FUNCTION private.audit_actor() TO service_role;
