-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_cases() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a cases row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.cases', to_jsonb(old)) then
      perform private.deny('you cannot delete this cases row', '无权删除该记录');
    end if;
  end if;
  -- cases_complaint_id_fkey
  if not (new.complaint_id is null)
     and (tg_op = 'INSERT' or (new.complaint_id) is distinct from (old.complaint_id)) then
    if not exists (select from public.complaints t where (t.id) = (new.complaint_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_confirmation_id_fkey
  if not (new.confirmation_id is null)
     and (tg_op = 'INSERT' or (new.confirmation_id) is distinct from (old.confirmation_id)) then
    if not exists (select from public.delivery_confirmations t where (t.id) = (new.confirmation_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_incident_id_fkey
  if not (new.incident_id is null)
     and (tg_op = 'INSERT' or (new.incident_id) is distinct from (old.incident_id)) then
    if not exists (select from public.incidents t where (t.id) = (new.incident_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- cases_opened_by_fkey
  if not (new.opened_by is null)
     and (tg_op = 'INSERT' or (new.opened_by) is distinct from (old.opened_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.opened_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.opened_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.opened_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.opened_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('cases.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- cases_complaint_id_key
  if not (new.complaint_id is null)
     and (tg_op = 'INSERT' or (new.complaint_id) is distinct from (old.complaint_id))
     and private.key_taken_cases(0, new) and not exists (select from public.cases t where (t.complaint_id) = (new.complaint_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_confirmation_id_key
  if not (new.confirmation_id is null)
     and (tg_op = 'INSERT' or (new.confirmation_id) is distinct from (old.confirmation_id))
     and private.key_taken_cases(1, new) and not exists (select from public.cases t where (t.confirmation_id) = (new.confirmation_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_incident_id_key
  if not (new.incident_id is null)
     and (tg_op = 'INSERT' or (new.incident_id) is distinct from (old.incident_id))
     and private.key_taken_cases(2, new) and not exists (select from public.cases t where (t.incident_id) = (new.incident_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- cases_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_cases(3, new) and not exists (select from public.cases t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_cases() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_cases() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_cases() TO service_role;
