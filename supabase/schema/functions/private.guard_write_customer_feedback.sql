-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_customer_feedback() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a customer_feedback row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.customer_feedback', to_jsonb(old)) then
      perform private.deny('you cannot delete this customer_feedback row', '无权删除该记录');
    end if;
  end if;
  -- customer_feedback_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_recorded_by_fkey
  if not (new.recorded_by is null)
     and (tg_op = 'INSERT' or (new.recorded_by) is distinct from (old.recorded_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.recorded_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.recorded_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.recorded_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('customer_feedback.recorded_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- customer_feedback_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- customer_feedback_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_customer_feedback(0, new) and not exists (select from public.customer_feedback t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_customer_feedback() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_customer_feedback() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_customer_feedback() TO service_role;
