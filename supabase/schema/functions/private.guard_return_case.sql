-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_return_case() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon')
     and new.case_id is distinct from (case when tg_op = 'UPDATE' then old.case_id end) then
    perform private.deny('the case of a return is set by the server', '退货记录关联的售后单由系统填写');
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_return_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_return_case() TO authenticated;
GRANT ALL ON FUNCTION private.guard_return_case() TO service_role;
