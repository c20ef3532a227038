-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_visit_plan_decisions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plan_decisions row never changes', '记录编号不能修改');
    end if;
  end if;
  -- visit_plan_decisions_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plan_decisions.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plan_decisions_plan_id_fkey
  if not (new.plan_id is null)
     and (tg_op = 'INSERT' or (new.plan_id) is distinct from (old.plan_id)) then
    if not exists (select from public.visit_plans t where (t.id) = (new.plan_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- visit_plan_decisions_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plan_decisions.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plan_decisions_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plan_decisions(0, new) and not exists (select from public.visit_plan_decisions t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_visit_plan_decisions() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_decisions() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plan_decisions() TO service_role;
