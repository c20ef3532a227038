-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_case_event() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- a customer's move re-stamps its rows for sync (txid, version): that is no change
  if tg_op = 'UPDATE' and (to_jsonb(new) - array['txid', 'version'])
                          = (to_jsonb(old) - array['txid', 'version']) then
    return new;
  end if;
  raise exception 'the history of a case is append-only' using errcode = '55000',
    detail = '售后处理记录只能追加，不能修改或删除';
end
$$;

REVOKE ALL ON FUNCTION private.guard_case_event() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case_event() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case_event() TO service_role;
