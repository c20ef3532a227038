-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_visit_plans() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a visit_plans row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.visit_plans', to_jsonb(old)) then
      perform private.deny('you cannot delete this visit_plans row', '无权删除该记录');
    end if;
  end if;
  -- visit_plans_decided_by_fkey
  if not (new.decided_by is null)
     and (tg_op = 'INSERT' or (new.decided_by) is distinct from (old.decided_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.decided_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.decided_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.decided_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plans.decided_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plans_rep_id_fkey
  if not (new.rep_id is null)
     and (tg_op = 'INSERT' or (new.rep_id) is distinct from (old.rep_id)) then
    if not exists (select from public.profiles t where (t.id) = (new.rep_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.rep_id is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.rep_id and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('visit_plans.rep_id names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- visit_plans_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_visit_plans(0, new) and not exists (select from public.visit_plans t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_visit_plans() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_visit_plans() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_visit_plans() TO service_role;
