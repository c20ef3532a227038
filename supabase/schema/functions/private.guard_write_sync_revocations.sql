-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_sync_revocations() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a sync_revocations row never changes', '记录编号不能修改');
    end if;
  end if;
  -- sync_revocations_user_id_fkey
  if not (new.user_id is null)
     and (tg_op = 'INSERT' or (new.user_id) is distinct from (old.user_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.user_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.user_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.user_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('sync_revocations.user_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- sync_revocations_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_sync_revocations(0, new) and not exists (select from public.sync_revocations t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_sync_revocations() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sync_revocations() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sync_revocations() TO service_role;
