-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_visit_plan() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  who uuid := (select auth.uid());
  approver boolean;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  approver := (select private.is_manager())
    or new.rep_id in (select private.managed_rep_ids());
  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'submitted') or new.decided_by is not null then
      perform private.deny('a new plan is a draft or submitted', '新计划只能是草稿或已提交');
    end if;
    if new.status = 'submitted' then
      new.submitted_at := now();
    end if;
    return new;
  end if;
  if new.rep_id is distinct from old.rep_id or new.week_start is distinct from old.week_start then
    perform private.deny('a plan''s rep and week are fixed', '计划的业务员和周次不能修改');
  end if;
  if new.status = old.status then
    if (new.decided_by, new.decided_at, new.decision_comment)
        is distinct from (old.decided_by, old.decided_at, old.decision_comment) then
      perform private.deny('only a decision changes decision fields', '审批信息只能由审批操作修改');
    end if;
    return new;
  end if;
  if new.status in ('approved', 'rejected') then
    if not approver or who = old.rep_id then
      perform private.deny('only the area manager or a manager decides a plan',
                           '只有区域经理或销售经理可以审批计划');
    end if;
    if old.status <> 'submitted' then
      raise exception 'only a submitted plan can be decided (it is %)', old.status
        using errcode = '55000', detail = '只有已提交的计划可以审批';
    end if;
    new.decided_by := who;
    new.decided_at := now();
    return new;
  end if;
  if who <> old.rep_id then
    perform private.deny('only the rep submits or withdraws a plan', '只有业务员本人可以提交或撤回计划');
  end if;
  if not ((old.status in ('draft', 'withdrawn', 'rejected') and new.status = 'submitted')
       or (old.status = 'submitted' and new.status = 'withdrawn')
       or (old.status in ('withdrawn', 'rejected') and new.status = 'draft')) then
    raise exception 'a plan cannot go from % to %', old.status, new.status
      using errcode = '55000', detail = '计划状态不能这样变更';
  end if;
  if new.status = 'submitted' then
    new.submitted_at := now();
  end if;
  new.decided_by := old.decided_by;
  new.decided_at := old.decided_at;
  new.decision_comment := old.decision_comment;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_visit_plan() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_visit_plan() TO authenticated;
