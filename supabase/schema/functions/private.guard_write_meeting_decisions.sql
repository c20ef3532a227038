-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_meeting_decisions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meeting_decisions row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meeting_decisions', to_jsonb(old)) then
      perform private.deny('you cannot delete this meeting_decisions row', '无权删除该记录');
    end if;
  end if;
  -- meeting_decisions_created_by_fkey
  if not (new.created_by is null)
     and (tg_op = 'INSERT' or (new.created_by) is distinct from (old.created_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.created_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.created_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.created_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.created_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_done_by_fkey
  if not (new.done_by is null)
     and (tg_op = 'INSERT' or (new.done_by) is distinct from (old.done_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.done_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.done_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.done_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.done_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_meeting_id_fkey
  if not (new.meeting_id is null)
     and (tg_op = 'INSERT' or (new.meeting_id) is distinct from (old.meeting_id)) then
    if not exists (select from public.meetings t where (t.id) = (new.meeting_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meeting_decisions_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meeting_decisions.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meeting_decisions_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meeting_decisions(0, new) and not exists (select from public.meeting_decisions t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_meeting_decisions() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meeting_decisions() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meeting_decisions() TO service_role;
