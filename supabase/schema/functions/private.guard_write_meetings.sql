-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_meetings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a meetings row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.meetings', to_jsonb(old)) then
      perform private.deny('you cannot delete this meetings row', '无权删除该记录');
    end if;
  end if;
  -- meetings_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- meetings_created_by_fkey
  if not (new.created_by is null)
     and (tg_op = 'INSERT' or (new.created_by) is distinct from (old.created_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.created_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.created_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.created_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('meetings.created_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- meetings_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_meetings(0, new) and not exists (select from public.meetings t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_meetings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_meetings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_meetings() TO service_role;
