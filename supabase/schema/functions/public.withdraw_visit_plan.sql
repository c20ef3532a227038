-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.withdraw_visit_plan(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
begin
  if plan.status in ('approved', 'rejected') then
    raise exception 'a decided plan cannot be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '计划已审批，不能撤回';
  end if;
  if plan.status <> 'submitted' then
    raise exception 'only a submitted plan can be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '只有已提交的计划可以撤回';
  end if;
  update public.visit_plans set status = 'withdrawn' where id = plan.id returning * into plan;
  return plan;
end
$$;

REVOKE ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.withdraw_visit_plan(p_plan_id uuid) TO service_role;
