-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.require_staff() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
begin
  if not (select private.is_staff()) then
    perform private.deny('only staff can do this', '只有内部员工可以使用此功能');
  end if;
  return who;
end
$$;

REVOKE ALL ON FUNCTION private.require_staff() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_staff() TO authenticated;
GRANT ALL ON FUNCTION private.require_staff() TO service_role;
