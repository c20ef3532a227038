-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_contract() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  fixed text[] := array['custodian_id', 'updated_at', 'status', 'signed_on', 'signed_place',
                        'effective_on'];
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      perform private.deny('only a draft contract can be deleted', '只有草稿合同可以删除');
    end if;
    return old;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      perform private.deny('a new contract is a draft', '新合同只能是草稿');
    end if;
    return new;
  end if;
  if (new.id, new.contract_no, new.customer_id, new.version, new.previous_id)
      is distinct from (old.id, old.contract_no, old.customer_id, old.version, old.previous_id) then
    perform private.deny('a contract''s number, customer and version are fixed',
                         '合同编号、客户和版本不能修改');
  end if;
  if old.status <> 'draft'
     and (to_jsonb(new) - fixed) is distinct from (to_jsonb(old) - fixed) then
    perform private.deny(
      format('a %s contract cannot be edited; amend it with a new version', old.status),
      '合同已进入审核或签署流程，不能修改；如需变更请新建补充版本');
  end if;
  if new.status = old.status then
    if old.status <> 'draft'
       and (new.signed_on, new.signed_place, new.effective_on)
           is distinct from (old.signed_on, old.signed_place, old.effective_on) then
      perform private.deny('signing fields change only with a workflow step',
                           '签约信息只能随流程步骤修改');
    end if;
    return new;
  end if;
  if not private.contract_step_allowed(old.status, new.status) then
    raise exception 'a contract cannot go from % to %', old.status, new.status
      using errcode = '55000', detail = '合同状态不能这样变更';
  end if;
  if new.status = 'signed' and (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager signs a contract', '只有销售经理可以签署合同');
  end if;
  if new.status = 'signed' and (new.signed_on is null or length(btrim(coalesce(new.signed_place, ''))) = 0) then
    raise exception 'signing needs a date and a place' using errcode = '22023',
      detail = '签署合同须填写签约日期和地点';
  end if;
  if new.status = 'effective' and new.effective_on is null then
    raise exception 'an effective contract needs an effective date' using errcode = '22023',
      detail = '生效合同须填写生效日期';
  end if;
  if (new.signed_on, new.signed_place) is distinct from (old.signed_on, old.signed_place)
     and new.status <> 'signed' then
    perform private.deny('signing fields change only when signing', '签约信息只能在签署时填写');
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_contract() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_contract() TO authenticated;
GRANT ALL ON FUNCTION private.guard_contract() TO service_role;
