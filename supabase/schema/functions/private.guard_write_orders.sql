-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_orders() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a orders row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.orders', to_jsonb(old)) then
      perform private.deny('you cannot delete this orders row', '无权删除该记录');
    end if;
  end if;
  -- orders_cancelled_by_fkey
  if not (new.cancelled_by is null)
     and (tg_op = 'INSERT' or (new.cancelled_by) is distinct from (old.cancelled_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.cancelled_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.cancelled_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.cancelled_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.cancelled_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_received_by_fkey
  if not (new.received_by is null)
     and (tg_op = 'INSERT' or (new.received_by) is distinct from (old.received_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.received_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.received_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.received_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.received_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_shipped_by_fkey
  if not (new.shipped_by is null)
     and (tg_op = 'INSERT' or (new.shipped_by) is distinct from (old.shipped_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.shipped_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.shipped_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.shipped_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('orders.shipped_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- orders_supplier_id_fkey
  if not (new.supplier_id is null)
     and (tg_op = 'INSERT' or (new.supplier_id) is distinct from (old.supplier_id)) then
    if not exists (select from public.customers t where (t.id) = (new.supplier_id))
       and new.supplier_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- orders_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_orders(0, new) and not exists (select from public.orders t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_orders() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_orders() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_orders() TO service_role;
