-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_expense_budgets() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a expense_budgets row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.expense_budgets', to_jsonb(old)) then
      perform private.deny('you cannot delete this expense_budgets row', '无权删除该记录');
    end if;
  end if;
  -- expense_budgets_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- expense_budgets_customer_id_period_start_key
  if not (new.customer_id is null or new.period_start is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.period_start) is distinct from (old.customer_id, old.period_start))
     and private.key_taken_expense_budgets(0, new) and not exists (select from public.expense_budgets t where (t.customer_id, t.period_start) = (new.customer_id, new.period_start)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- expense_budgets_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_expense_budgets(1, new) and not exists (select from public.expense_budgets t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_expense_budgets() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_expense_budgets() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_expense_budgets() TO service_role;
