-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  plan public.visit_plans;
begin
  perform private.require_caller();
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'p_decision must be approved or rejected' using errcode = '22023',
      detail = '审批结果只能是 approved（批准）或 rejected（驳回）';
  end if;
  if p_decision = 'rejected' and length(btrim(coalesce(p_comment, ''))) = 0 then
    raise exception 'a rejection needs a comment' using errcode = '22023', detail = '驳回时必须填写意见';
  end if;
  if length(coalesce(p_comment, '')) > 2000 then
    raise exception 'the comment is longer than 2000 characters' using errcode = '22023',
      detail = '意见不能超过2000字';
  end if;
  select * into plan from public.visit_plans where id = p_plan_id;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002', detail = '找不到该拜访计划';
  end if;
  update public.visit_plans
     set status = p_decision, decision_comment = nullif(btrim(p_comment), '')
   where id = p_plan_id
  returning * into plan;
  if not found then  -- visible but not updatable: someone else's area
    perform private.deny('only the area manager or a manager decides a plan',
                         '只有区域经理或销售经理可以审批计划');
  end if;
  return plan;
end
$$;

REVOKE ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) TO authenticated;
GRANT ALL ON FUNCTION public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text) TO service_role;
