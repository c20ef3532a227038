-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_shipments() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a shipments row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.shipments', to_jsonb(old)) then
      perform private.deny('you cannot delete this shipments row', '无权删除该记录');
    end if;
  end if;
  -- shipments_confirmed_by_fkey
  if not (new.confirmed_by is null)
     and (tg_op = 'INSERT' or (new.confirmed_by) is distinct from (old.confirmed_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.confirmed_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.confirmed_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.confirmed_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('shipments.confirmed_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- shipments_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_seller_id_fkey
  if not (new.seller_id is null)
     and (tg_op = 'INSERT' or (new.seller_id) is distinct from (old.seller_id)) then
    if not exists (select from public.customers t where (t.id) = (new.seller_id))
       and new.seller_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- shipments_doc_no_line_no_key
  if not (new.doc_no is null or new.line_no is null)
     and (tg_op = 'INSERT' or (new.doc_no, new.line_no) is distinct from (old.doc_no, old.line_no))
     and private.key_taken_shipments(0, new) and not exists (select from public.shipments t where (t.doc_no, t.line_no) = (new.doc_no, new.line_no)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- shipments_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_shipments(1, new) and not exists (select from public.shipments t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_shipments() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_shipments() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_shipments() TO service_role;
