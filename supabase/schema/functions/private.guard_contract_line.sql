-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_contract_line() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  st text;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  select c.status into st from public.contracts c
   where c.id in (coalesce(new.contract_id, old.contract_id), old.contract_id)
     and c.status <> 'draft'
   limit 1;
  if st is not null then
    perform private.deny(format('the goods of a %s contract cannot change; amend it', st),
                         '合同已进入审核或签署流程，标的不能修改；如需变更请新建补充版本');
  end if;
  return coalesce(new, old);
end
$$;

REVOKE ALL ON FUNCTION private.guard_contract_line() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract_line() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract_line() TO service_role;
