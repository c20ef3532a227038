-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_case_request_row() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'a request does not change once raised: add a note to its case instead'
    using errcode = '55000', detail = '售后申请提交后不能修改，请在售后单中补充说明';
end
$$;

REVOKE ALL ON FUNCTION private.guard_case_request_row() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_case_request_row() TO authenticated;
GRANT ALL ON FUNCTION private.guard_case_request_row() TO service_role;
