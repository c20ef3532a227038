-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.expenses_vs_budget(p_month date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, period_start date, period_end date, budget numeric, spent_month numeric, spent_period numeric, remaining numeric, used_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  m0 date;
  m1 date;
  ids uuid[];
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  m1 := (m0 + interval '1 month' - interval '1 day')::date;
  ids := private.report_scope(p_area_code);
  return query
  with b as (
    select * from private.budget_use(m1, ids, m0)
  ), mrows as (
    select b.customer_id, b.period_start, b.period_end, b.budget, b.spent_from as sm,
           b.spent as sp
      from b
    union all
    select e.customer_id, null, null, null, sum(e.amount), sum(e.amount)
      from public.expenses e
     where e.deleted_at is null and (ids is null or e.customer_id = any(ids))
       and e.spent_on >= m0 and e.spent_on <= m1
       and not exists (select from b where b.customer_id = e.customer_id)
     group by e.customer_id
  )
  select c.id, c.code, c.name, a.code, r.period_start, r.period_end, r.budget, r.sm, r.sp,
         r.budget - r.sp, round(100 * r.sp / nullif(r.budget, 0), 1)
    from mrows r join public.customers c on c.id = r.customer_id and c.deleted_at is null
    join public.areas a on a.id = c.area_id
   order by a.code, c.code, r.period_start nulls last;
end
$$;

REVOKE ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.expenses_vs_budget(p_month date, p_area_code text) TO service_role;
