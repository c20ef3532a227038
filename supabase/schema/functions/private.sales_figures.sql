-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_from date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, month_purchases numeric, ytd_purchases numeric, purchases_90d numeric, last_year_month numeric, last_year_ytd numeric, last_year_90d numeric, period_purchases numeric, month_plan numeric, ytd_plan numeric, plan_before_month numeric, plan_to_date numeric, period_plan numeric, month_progress numeric, ytd_progress numeric, attainment numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  d date := p_as_of;
  m0 date;
  y0 date;
  ly date;
  from0 date;
  dom integer;
  dim integer;
begin
  perform private.figure_date(p_as_of);
  m0 := date_trunc('month', d)::date;
  y0 := date_trunc('year', d)::date;
  ly := (d - interval '1 year')::date;
  from0 := coalesce(p_from, y0);
  if from0 > d then
    raise exception 'p_from must not be after p_as_of' using errcode = '22023',
      detail = '起始日期不能晚于截止日期';
  end if;
  dom := extract(day from d)::int;
  dim := (m0 + interval '1 month')::date - m0;
  return query
  with pur as (
    select p.customer_id,
           sum(p.cents) filter (where p.day >= m0 and p.day <= d) as mon,
           sum(p.cents) filter (where p.day >= y0 and p.day <= d) as ytd,
           sum(p.cents) filter (where p.day > d - 90 and p.day <= d) as r90,
           sum(p.cents) filter (where p.day >= (m0 - interval '1 year')::date and p.day <= ly)
             as ly_mon,
           sum(p.cents) filter (where p.day >= (y0 - interval '1 year')::date and p.day <= ly)
             as ly_ytd,
           sum(p.cents) filter (where p.day > ly - 90 and p.day <= ly) as ly90,
           sum(p.cents) filter (where p.day >= from0 and p.day <= d) as per
      from private.purchase_days p
     where ((p.day >= least(from0, y0, d - 89) and p.day <= d)
            or (p.day >= least((y0 - interval '1 year')::date, ly - 89) and p.day <= ly))
       and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ), pl as (
    select p.customer_id,
           sum(p.amount) filter (where p.month = m0) as mon,
           sum(p.amount) filter (where p.month >= y0) as ytd,
           sum(p.amount) filter (where p.month >= y0 and p.month < m0) as before,
           sum(p.amount) filter (where p.month >= date_trunc('month', from0)::date
                                   and p.month < m0) as per_before
      from public.sales_plans p
     where p.deleted_at is null and p.month >= least(date_trunc('month', from0)::date, y0)
       and p.month <= m0 and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ), k as (
    select coalesce(pur.customer_id, pl.customer_id) as customer_id,
           round(coalesce(pur.mon, 0)::numeric / 100, 2) as mon,
           round(coalesce(pur.ytd, 0)::numeric / 100, 2) as ytd,
           round(coalesce(pur.r90, 0)::numeric / 100, 2) as r90,
           round(coalesce(pur.ly_mon, 0)::numeric / 100, 2) as ly_mon,
           round(coalesce(pur.ly_ytd, 0)::numeric / 100, 2) as ly_ytd,
           round(coalesce(pur.ly90, 0)::numeric / 100, 2) as ly90,
           round(coalesce(pur.per, 0)::numeric / 100, 2) as per,
           pl.mon as plan_mon, coalesce(pl.ytd, 0) as plan_ytd,
           coalesce(pl.before, 0) as plan_before,
           coalesce(pl.before, 0) + coalesce(pl.mon, 0) * dom / dim as plan_to_date,
           coalesce(pl.per_before, 0) + coalesce(pl.mon, 0) * dom / dim as plan_per
      from pur full join pl on pl.customer_id = pur.customer_id
  )
  select k.customer_id, k.mon, k.ytd, k.r90, k.ly_mon, k.ly_ytd, k.ly90, k.per, k.plan_mon,
         k.plan_ytd, k.plan_before, k.plan_to_date, k.plan_per, k.mon / nullif(k.plan_mon, 0),
         k.ytd / nullif(k.plan_ytd, 0), k.ytd / nullif(k.plan_to_date, 0)
    from k;
end
$$;

REVOKE ALL ON FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[], p_from date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sales_figures(p_as_of date, p_customer_ids uuid[], p_from date) TO service_role;
