-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_returns() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a returns row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.returns', to_jsonb(old)) then
      perform private.deny('you cannot delete this returns row', '无权删除该记录');
    end if;
  end if;
  -- returns_case_id_fkey
  if not (new.case_id is null)
     and (tg_op = 'INSERT' or (new.case_id) is distinct from (old.case_id)) then
    if not exists (select from public.cases t where (t.id) = (new.case_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_shipment_id_fkey
  if not (new.shipment_id is null)
     and (tg_op = 'INSERT' or (new.shipment_id) is distinct from (old.shipment_id)) then
    if not exists (select from public.shipments t where (t.id) = (new.shipment_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- returns_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_returns(0, new) and not exists (select from public.returns t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- returns_reference_key
  if not (new.reference is null)
     and (tg_op = 'INSERT' or (new.reference) is distinct from (old.reference))
     and private.key_taken_returns(1, new) and not exists (select from public.returns t where (t.reference) = (new.reference)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_returns() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_returns() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_returns() TO service_role;
