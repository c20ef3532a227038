-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_warning_event() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'the history of a warning is append-only' using errcode = '55000',
    detail = '预警处理记录只能追加，不能修改或删除';
end
$$;

REVOKE ALL ON FUNCTION private.guard_warning_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_warning_event() TO service_role;
