-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_save(p_customer_id uuid, p_kind text, p_title text DEFAULT NULL::text, p_planned_on date DEFAULT NULL::date, p_done_on date DEFAULT NULL::date, p_cost numeric DEFAULT 0, p_materials text DEFAULT NULL::text, p_outcome text DEFAULT NULL::text, p_visit_id uuid DEFAULT NULL::uuid, p_support_id uuid DEFAULT NULL::uuid) RETURNS public.support_activities
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  cur public.support_activities;
  row public.support_activities;
  v_title text := coalesce(nullif(btrim(coalesce(p_title, '')), ''),
    case p_kind when 'training' then '培训' when 'management' then '管理咨询'
                when 'sales_activity' then '促销活动支持' when 'advertising_pr' then '广告公关'
                when 'store_display' then '店面装修与陈列' when 'promotion' then '促销'
                when 'information' then '信息服务' end);
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023',
      detail = '缺少客户编号（p_customer_id）';
  end if;
  if not exists (select from public.customers c where c.id = p_customer_id
                    and c.deleted_at is null) then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform private.check_support_fields(p_kind, v_title, p_planned_on, p_done_on,
                                       coalesce(p_cost, -1));
  -- (a direct write meets the length check support_activities_title_len instead)
  if length(p_title) > 200 then
    raise exception 'title is longer than 200 characters' using errcode = '22023',
      detail = '支援主题（title）不能超过200字';
  end if;

  if p_planned_on is null and p_done_on is null then
    raise exception 'planned_on or done_on is required' using errcode = '22023',
      detail = '请填写计划日期（planned_on）或完成日期（done_on）';
  end if;
  perform private.support_check_text(p_materials, 'materials', '提供物料');
  perform private.support_check_text(p_outcome, 'outcome', '效果');
  if p_visit_id is not null and not exists (
      select from public.visits v where v.id = p_visit_id and v.customer_id = p_customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  if p_support_id is null then
    insert into public.support_activities (customer_id, kind, title, planned_on, done_on, cost,
                                           status, owner_id, materials, outcome, visit_id)
    values (p_customer_id, p_kind, v_title, p_planned_on, p_done_on, p_cost,
            case when p_done_on is null then 'planned' else 'done' end, who,
            nullif(btrim(coalesce(p_materials, '')), ''), nullif(btrim(coalesce(p_outcome, '')), ''),
            p_visit_id)
    returning * into row;
    return row;
  end if;
  cur := private.support_for_action(p_support_id);
  if cur.customer_id <> p_customer_id then
    raise exception 'a support activity stays with its customer' using errcode = '22023',
      detail = '支援活动的客户（p_customer_id）不能修改';
  end if;
  if cur.status not in ('planned', 'done') then
    raise exception 'the support activity is already %', cur.status using errcode = '55000',
      detail = '已评估或已取消的支援活动不能修改';
  end if;
  update public.support_activities s
     set kind = p_kind, title = v_title, planned_on = p_planned_on, done_on = p_done_on,
         cost = p_cost, materials = nullif(btrim(coalesce(p_materials, '')), ''),
         outcome = nullif(btrim(coalesce(p_outcome, '')), ''), visit_id = p_visit_id,
         status = case when p_done_on is null and cur.status = 'planned' then 'planned' else 'done' end
   where s.id = cur.id
  returning * into row;
  if row.id is null then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.support_save(p_customer_id uuid, p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric, p_materials text, p_outcome text, p_visit_id uuid, p_support_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_save(p_customer_id uuid, p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric, p_materials text, p_outcome text, p_visit_id uuid, p_support_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.support_save(p_customer_id uuid, p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric, p_materials text, p_outcome text, p_visit_id uuid, p_support_id uuid) TO service_role;
