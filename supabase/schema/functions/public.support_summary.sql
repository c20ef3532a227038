-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_summary(p_area_id uuid DEFAULT NULL::uuid, p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date) RETURNS TABLE(level text, area_id uuid, area_name text, owner_id uuid, owner_name text, planned bigint, done bigint, evaluated bigint, cancelled bigint, overdue bigint, cost numeric, avg_score numeric, budget numeric, expenses numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  v_from date := coalesce(p_from, date_trunc('month', private.company_today())::date);
  v_to date := coalesce(p_to, (date_trunc('month', private.company_today())
                               + interval '1 month - 1 day')::date);
  v_today date := private.company_today();
  v_areas uuid[];
begin
  if api then
    perform private.require_staff();
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager sees the support summary',
                           '只有区域经理或销售经理可以查看辅导支援汇总');
    end if;
  end if;
  if v_to < v_from or v_to - v_from > 1096 then
    raise exception 'the period % to % is not sane (at most three years)', v_from, v_to
      using errcode = '22023', detail = '统计期间（p_from、p_to）无效：结束日期不能早于开始日期，最长三年';
  end if;
  v_areas := private.support_areas(p_area_id, api);
  return query
  with cust as materialized (
    select c.id, c.area_id from public.customers c
     where c.deleted_at is null and (v_areas is null or c.area_id = any(v_areas))
  ), acts as (
    select c.area_id, s.owner_id, s.status, s.cost, s.score, s.planned_on, s.done_on
      from public.support_activities s join cust c on c.id = s.customer_id
     where s.deleted_at is null
       and (s.planned_on between v_from and v_to or s.done_on between v_from and v_to)
  ), per as (
    select a.area_id, a.owner_id, grouping(a.owner_id) = 1 as whole_area,
           count(*) filter (where a.status = 'planned') as planned,
           count(*) filter (where a.status in ('done', 'evaluated')
                              and a.done_on between v_from and v_to) as done,
           count(*) filter (where a.status = 'evaluated'
                              and a.done_on between v_from and v_to) as evaluated,
           count(*) filter (where a.status = 'cancelled') as cancelled,
           count(*) filter (where a.status = 'planned' and a.planned_on < v_today) as overdue,
           coalesce(sum(a.cost) filter (where a.status in ('done', 'evaluated')
                                          and a.done_on between v_from and v_to), 0) as cost,
           round(avg(a.score), 2) as avg_score
      from acts a
     group by grouping sets ((a.area_id), (a.area_id, a.owner_id))
  ), bud as (
    select c.area_id, sum(b.amount) as budget
      from public.expense_budgets b join cust c on c.id = b.customer_id
     where b.deleted_at is null and b.period_start <= v_to and b.period_end >= v_from
     group by c.area_id
  ), exp as (
    select c.area_id, sum(e.amount) as expenses
      from public.expenses e join cust c on c.id = e.customer_id
     where e.deleted_at is null and e.spent_on between v_from and v_to
     group by c.area_id
  ), areas_seen as (
    select area_id from per union select area_id from bud
  )
  select case when coalesce(p.whole_area, true) then 'area' else 'owner' end,
         x.area_id, ar.name, p.owner_id, pr.full_name,
         coalesce(p.planned, 0), coalesce(p.done, 0), coalesce(p.evaluated, 0),
         coalesce(p.cancelled, 0), coalesce(p.overdue, 0), coalesce(p.cost, 0), p.avg_score,
         case when coalesce(p.whole_area, true) then coalesce(b.budget, 0) end,
         case when coalesce(p.whole_area, true) then coalesce(e.expenses, 0) end
    from areas_seen x
    left join per p on p.area_id = x.area_id
    left join bud b on b.area_id = x.area_id
    left join exp e on e.area_id = x.area_id
    left join public.areas ar on ar.id = x.area_id
    left join public.profiles pr on pr.id = p.owner_id
   where x.area_id is not null
   order by ar.name, x.area_id, coalesce(p.whole_area, true) desc, pr.full_name;
end
$$;

REVOKE ALL ON FUNCTION public.support_summary(p_area_id uuid, p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_summary(p_area_id uuid, p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION public.support_summary(p_area_id uuid, p_from date, p_to date) TO service_role;
