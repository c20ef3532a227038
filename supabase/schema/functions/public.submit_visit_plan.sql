-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.submit_visit_plan(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
  outside integer;
begin
  if plan.status = 'submitted' then
    raise exception 'the plan is already submitted' using errcode = '55000',
      detail = '该计划已提交，等待审批';
  end if;
  if plan.status = 'approved' then
    raise exception 'an approved plan cannot be submitted again' using errcode = '55000',
      detail = '已批准的计划不能再次提交';
  end if;
  if not exists (select from public.visit_plan_stops s
                 where s.plan_id = plan.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  select count(*) into outside from public.visit_plan_stops s
  where s.plan_id = plan.id and s.deleted_at is null
    and s.visit_date not between plan.week_start and plan.week_start + 6;
  if outside > 0 then
    raise exception '% stop(s) fall outside the plan''s week of %', outside, plan.week_start
      using errcode = '22023', detail = format('有 %s 个拜访点不在计划所在的周内', outside);
  end if;
  update public.visit_plans set status = 'submitted' where id = plan.id returning * into plan;
  return plan;
end
$$;

REVOKE ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.submit_visit_plan(p_plan_id uuid) TO service_role;
