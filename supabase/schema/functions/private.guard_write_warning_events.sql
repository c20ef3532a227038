-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_warning_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a warning_events row never changes', '记录编号不能修改');
    end if;
  end if;
  -- warning_events_actor_id_fkey
  if not (new.actor_id is null)
     and (tg_op = 'INSERT' or (new.actor_id) is distinct from (old.actor_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.actor_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.actor_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.actor_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warning_events.actor_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warning_events_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warning_events_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warning_events.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warning_events_warning_id_fkey
  if not (new.warning_id is null)
     and (tg_op = 'INSERT' or (new.warning_id) is distinct from (old.warning_id)) then
    if not exists (select from public.warnings t where (t.id) = (new.warning_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warning_events_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_warning_events(0, new) and not exists (select from public.warning_events t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_warning_events() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_warning_events() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_warning_events() TO service_role;
