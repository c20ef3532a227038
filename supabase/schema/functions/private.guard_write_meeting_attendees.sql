-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_meeting_attendees() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meeting_attendees row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meeting_attendees', to_jsonb(old)) then
      perform private.deny('you cannot delete this meeting_attendees row', '无权删除该记录');
    end if;
  end if;
  -- meeting_attendees_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_attendees_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_attendees_profile_id_fkey
  if not (new.profile_id is null)
     and (tg_op = 'INSERT' or (new.profile_id) is distinct from (old.profile_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.profile_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.profile_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.profile_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_attendees.profile_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_attendees_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meeting_attendees(0, new) and not exists (select from public.meeting_attendees t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_meeting_attendees() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meeting_attendees() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meeting_attendees() TO service_role;
