-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.my_role() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return (select p.role from public.profiles p where p.id = (select auth.uid()) and p.active);
end
$$;

REVOKE ALL ON FUNCTION private.my_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_role() TO authenticated;
