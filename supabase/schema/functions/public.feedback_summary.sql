-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.feedback_summary(p_area_id uuid DEFAULT NULL::uuid, p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date) RETURNS TABLE(area_id uuid, area_name text, month date, feedback_count bigint, average_score numeric, low_share numeric, unscored bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  tz text := private.company_tz();
  v_to date := coalesce(p_to, private.company_today());
  v_from date := coalesce(p_from, (date_trunc('month', coalesce(p_to, private.company_today()))
                                   - interval '11 months')::date);
  v_areas uuid[];
  -- the service side (the monthly report) sees every area, as private.report_customers
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
begin
  if api then
    perform private.require_staff();
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only area managers and managers see the feedback summary',
                           '只有区域经理和销售经理可以查看客户意见汇总');
    end if;
  end if;
  everyone := not api or (select private.is_manager());
  if v_from > v_to then
    raise exception 'p_from % is after p_to %', v_from, v_to using errcode = '22023',
      detail = '开始日期（p_from）不能晚于结束日期（p_to）';
  end if;
  if p_area_id is not null then
    if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
       or not (everyone or p_area_id in (select private.my_area_ids())) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域（p_area_id）';
    end if;
    with recursive tree as (
      select p_area_id as id
      union select a.id from public.areas a join tree t on a.parent_id = t.id)
    select array_agg(id) into v_areas from tree;
  elsif not everyone then
    select array_agg(x) into v_areas from private.my_area_ids() x;
  end if;
  return query
    with scored as (
      select c.area_id, date_trunc('month', f.recorded_on)::date as mon, f.score
        from public.customer_feedback f join public.customers c on c.id = f.customer_id
       where f.deleted_at is null and f.recorded_on between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))),
    texts as (
      select c.area_id, date_trunc('month', (v.checkin_at at time zone tz))::date
               as mon
        from public.visits v join public.customers c on c.id = v.customer_id
       where v.deleted_at is null and length(btrim(coalesce(v.feedback, ''))) > 0
         and (v.checkin_at at time zone tz)::date between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))
         and not exists (select from public.customer_feedback f
                          where f.visit_id = v.id and f.deleted_at is null)),
    allr as (
      select s.area_id, s.mon, s.score, 0 as unscored from scored s
      union all
      select t.area_id, t.mon, null, 1 from texts t)
    select r.area_id, a.name, case when grouping(r.mon) = 0 then r.mon end,
           count(r.score), round(avg(r.score), 2),
           case when count(r.score) > 0
                then round(count(*) filter (where r.score <= 2)::numeric / count(r.score), 4) end,
           sum(r.unscored)::bigint
      from allr r left join public.areas a on a.id = r.area_id
     group by grouping sets ((r.area_id, a.name), (r.area_id, a.name, r.mon))
     order by a.name, r.area_id, grouping(r.mon) desc, 3;
end
$$;

REVOKE ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION public.feedback_summary(p_area_id uuid, p_from date, p_to date) TO service_role;
