-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.require_caller() RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  who uuid := (select auth.uid());
begin
  if who is null or (select private.my_role()) is null then
    raise exception 'not signed in' using errcode = '28000', detail = '请先登录';
  end if;
  return who;
end
$$;

REVOKE ALL ON FUNCTION private.require_caller() FROM PUBLIC;
GRANT ALL ON FUNCTION private.require_caller() TO authenticated;
