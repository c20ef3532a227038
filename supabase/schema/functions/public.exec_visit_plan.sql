-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.exec_visit_plan(p_customer_id uuid, p_planned_on date, p_purpose text, p_executive_id uuid DEFAULT NULL::uuid) RETURNS public.executive_visits
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  cust public.customers;
  exec_id uuid := coalesce(p_executive_id, who);
  today date := private.company_today();
  row public.executive_visits;
begin
  cust := private.exec_visit_customer(p_customer_id);
  if cust.status = 'eliminated' then
    raise exception 'the customer is eliminated: no new visits' using errcode = '55000',
      detail = '该客户已淘汰，不能再安排拜访';
  end if;
  if not exists (select from public.profiles p
                  where p.id = exec_id and p.active
                    and (p.role = 'manager'
                         or (p.role = 'area_manager'
                             and p.id = any(private.area_managers_over(cust.area_id))))) then
    raise exception 'executive must be an active manager or an area manager of the customer''s area'
      using errcode = '22023',
      detail = '拜访领导（executive_id）必须是在职的销售经理或该客户所在区域的区域经理';
  end if;
  if p_planned_on is null then
    raise exception 'planned_on is required' using errcode = '22023',
      detail = '请填写计划日期（planned_on）';
  end if;
  if p_planned_on < today then
    raise exception 'planned_on % is in the past', p_planned_on using errcode = '22023',
      detail = '计划日期（planned_on）不能早于今天';
  end if;
  if p_planned_on > today + 366 then
    raise exception 'planned_on % is more than a year ahead', p_planned_on using errcode = '22023',
      detail = '计划日期（planned_on）不能晚于一年后';
  end if;
  perform private.elimination_check_text(p_purpose, true, 'purpose', '拜访目的');
  insert into public.executive_visits (customer_id, executive_id, planned_on, purpose, created_by)
  values (cust.id, exec_id, p_planned_on, btrim(p_purpose), who)
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.exec_visit_plan(p_customer_id uuid, p_planned_on date, p_purpose text, p_executive_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.exec_visit_plan(p_customer_id uuid, p_planned_on date, p_purpose text, p_executive_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.exec_visit_plan(p_customer_id uuid, p_planned_on date, p_purpose text, p_executive_id uuid) TO service_role;
