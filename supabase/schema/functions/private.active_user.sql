-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.active_user() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return exists (select from public.profiles p where p.id = (select auth.uid()) and p.active);
end
$$;

REVOKE ALL ON FUNCTION private.active_user() FROM PUBLIC;
GRANT ALL ON FUNCTION private.active_user() TO authenticated;
