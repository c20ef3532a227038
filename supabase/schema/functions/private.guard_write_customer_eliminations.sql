-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_customer_eliminations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_eliminations row never changes', '记录编号不能修改');
    end if;
  end if;
  -- customer_eliminations_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_eliminations_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_eliminations.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_eliminations_requested_by_fkey
  if not (new.requested_by is null)
     and (tg_op = 'INSERT' or (new.requested_by) is distinct from (old.requested_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.requested_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.requested_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.requested_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_eliminations.requested_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_eliminations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_eliminations(0, new) and not exists (select from public.customer_eliminations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_customer_eliminations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_eliminations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_eliminations() TO service_role;
