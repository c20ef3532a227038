-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.own_plan_for_change(p_plan_id uuid) RETURNS public.visit_plans
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  who uuid := private.require_caller();
  plan public.visit_plans;
begin
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if (select private.my_role()) <> 'rep' then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  select * into plan from public.visit_plans p
  where p.id = p_plan_id and p.deleted_at is null;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002',
      detail = '找不到该拜访计划';
  end if;
  if plan.rep_id <> who then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  perform 1 from public.visit_plans p where p.id = p_plan_id for update;
  select * into plan from public.visit_plans p where p.id = p_plan_id;
  return plan;
end
$$;

REVOKE ALL ON FUNCTION private.own_plan_for_change(p_plan_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.own_plan_for_change(p_plan_id uuid) TO authenticated;
