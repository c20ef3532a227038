-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_sales_plans() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a sales_plans row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.sales_plans', to_jsonb(old)) then
      perform private.deny('you cannot delete this sales_plans row', '无权删除该记录');
    end if;
  end if;
  -- sales_plans_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- sales_plans_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- sales_plans_customer_id_product_id_month_key
  if not (new.customer_id is null or new.product_id is null or new.month is null)
     and (tg_op = 'INSERT' or (new.customer_id, new.product_id, new.month) is distinct from (old.customer_id, old.product_id, old.month))
     and private.key_taken_sales_plans(0, new) and not exists (select from public.sales_plans t where (t.customer_id, t.product_id, t.month) = (new.customer_id, new.product_id, new.month)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- sales_plans_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_sales_plans(1, new) and not exists (select from public.sales_plans t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_sales_plans() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sales_plans() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sales_plans() TO service_role;
