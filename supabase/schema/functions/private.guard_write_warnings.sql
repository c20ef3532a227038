-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_warnings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a warnings row never changes', '记录编号不能修改');
    end if;
  end if;
  -- warnings_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warnings_owner_id_fkey
  if not (new.owner_id is null)
     and (tg_op = 'INSERT' or (new.owner_id) is distinct from (old.owner_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.owner_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.owner_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.owner_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('warnings.owner_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- warnings_previous_id_fkey
  if not (new.previous_id is null)
     and (tg_op = 'INSERT' or (new.previous_id) is distinct from (old.previous_id)) then
    if not exists (select from public.warnings t where (t.id) = (new.previous_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- warnings_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_warnings(0, new) and not exists (select from public.warnings t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_warnings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_warnings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_warnings() TO service_role;
