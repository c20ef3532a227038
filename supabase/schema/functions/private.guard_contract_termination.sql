-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_contract_termination() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'terminated'
     and old.status <> 'terminated'
     and length(btrim(coalesce(current_setting('fieldsales.contract_note', true), ''))) = 0 then
    raise exception 'terminating a contract needs a note: use terminate_contract'
      using errcode = '22023', detail = '终止合同须填写原因（请使用“终止合同”操作）';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_contract_termination() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract_termination() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract_termination() TO service_role;
