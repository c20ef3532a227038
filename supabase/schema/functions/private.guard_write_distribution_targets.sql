-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_distribution_targets() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a distribution_targets row never changes', '记录编号不能修改');
    end if;
  end if;
  -- distribution_targets_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- distribution_targets_dealer_id_fkey
  if not (new.dealer_id is null)
     and (tg_op = 'INSERT' or (new.dealer_id) is distinct from (old.dealer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.dealer_id))
       and new.dealer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- distribution_targets_product_id_fkey
  if not (new.product_id is null)
     and (tg_op = 'INSERT' or (new.product_id) is distinct from (old.product_id)) then
    if not exists (select from public.products t where (t.id) = (new.product_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- distribution_targets_set_by_fkey
  if not (new.set_by is null)
     and (tg_op = 'INSERT' or (new.set_by) is distinct from (old.set_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.set_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.set_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.set_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('distribution_targets.set_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- distribution_targets_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_distribution_targets(0, new) and not exists (select from public.distribution_targets t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_distribution_targets() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_distribution_targets() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_distribution_targets() TO service_role;
