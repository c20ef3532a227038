-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.report_sees_all() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if api then
    perform private.require_staff();
  end if;
  return not api or (select private.is_manager());
end
$$;

REVOKE ALL ON FUNCTION private.report_sees_all() FROM PUBLIC;
GRANT ALL ON FUNCTION private.report_sees_all() TO authenticated;
GRANT ALL ON FUNCTION private.report_sees_all() TO service_role;
