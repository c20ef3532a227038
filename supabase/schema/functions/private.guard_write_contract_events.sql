-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_contract_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a contract_events row never changes', '记录编号不能修改');
    end if;
  end if;
  -- contract_events_actor_id_fkey
  if not (new.actor_id is null)
     and (tg_op = 'INSERT' or (new.actor_id) is distinct from (old.actor_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.actor_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.actor_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.actor_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('contract_events.actor_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- contract_events_contract_id_fkey
  if not (new.contract_id is null)
     and (tg_op = 'INSERT' or (new.contract_id) is distinct from (old.contract_id)) then
    if not exists (select from public.contracts t where (t.id) = (new.contract_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- contract_events_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_contract_events(0, new) and not exists (select from public.contract_events t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_contract_events() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_contract_events() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_contract_events() TO service_role;
