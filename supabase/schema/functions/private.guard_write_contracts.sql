-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_contracts() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contracts row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.contracts', to_jsonb(old)) then
      perform private.deny('you cannot delete this contracts row', '无权删除该记录');
    end if;
  end if;
  -- contracts_custodian_id_fkey
  if not (new.custodian_id is null)
     and (tg_op = 'INSERT' or (new.custodian_id) is distinct from (old.custodian_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.custodian_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.custodian_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.custodian_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('contracts.custodian_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- contracts_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contracts_previous_id_fkey
  if not (new.previous_id is null)
     and (tg_op = 'INSERT' or (new.previous_id) is distinct from (old.previous_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.previous_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contracts_contract_no_key
  if not (new.contract_no is null)
     and (tg_op = 'INSERT' or (new.contract_no) is distinct from (old.contract_no))
     and private.key_taken_contracts(0, new) and not exists (select from public.contracts t where (t.contract_no) = (new.contract_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- contracts_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contracts(1, new) and not exists (select from public.contracts t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_contracts() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contracts() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contracts() TO service_role;
