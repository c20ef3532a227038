-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.monthly_plan_actual(p_month date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, product_id uuid, sku text, product_name text, spec text, plan_quantity numeric, plan_amount numeric, actual_quantity numeric, actual_amount numeric, progress_pct numeric, ytd_plan numeric, ytd_actual numeric, ytd_progress_pct numeric, last_year_amount numeric, last_year_ytd numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  m0 date;
  y0 date;
  lm0 date;
  ly0 date;
  ids uuid[];
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  y0 := date_trunc('year', m0)::date;
  lm0 := (m0 - interval '1 year')::date;
  ly0 := (y0 - interval '1 year')::date;
  select array_agg(r.id) into ids from private.report_customers(p_area_code, 1::smallint) r;
  return query
  with scope as materialized (
    select c.id, c.code, c.name, a.code as area_code from public.customers c
      join public.areas a on a.id = c.area_id
     where c.id = any(ids)
  ), pl as (
    select p.customer_id, p.product_id,
           sum(p.quantity) filter (where p.month = m0) as q,
           sum(p.amount) filter (where p.month = m0) as amt,
           sum(p.amount) as ytd
      from public.sales_plans p
     where p.customer_id = any(ids) and p.deleted_at is null
       and p.month >= y0 and p.month <= m0
     group by 1, 2
  ), sh as (
    select m.customer_id, m.product_id,
           sum(m.quantity) filter (where m.month = m0) as q,
           sum(m.amount) filter (where m.month = m0) as amt,
           sum(m.amount) filter (where m.month >= y0) as ytd,
           sum(m.amount) filter (where m.month = lm0) as ly,
           sum(m.amount) filter (where m.month < y0) as ly_ytd
      from private.purchase_months m
     where m.customer_id = any(ids)
       and ((m.month >= y0 and m.month <= m0) or (m.month >= ly0 and m.month <= lm0))
     group by 1, 2
  ), k as (
    select coalesce(pl.customer_id, sh.customer_id) as customer_id,
           coalesce(pl.product_id, sh.product_id) as product_id,
           pl.q as plan_q, pl.amt as plan_amt, coalesce(pl.ytd, 0) as plan_ytd,
           coalesce(sh.q, 0) as q, coalesce(sh.amt, 0) as amt, coalesce(sh.ytd, 0) as ytd,
           coalesce(sh.ly, 0) as ly, coalesce(sh.ly_ytd, 0) as ly_ytd
      from pl full join sh on sh.customer_id = pl.customer_id and sh.product_id = pl.product_id
  )
  select s.id, s.code, s.name, s.area_code, pr.id, pr.sku, pr.name, pr.spec, k.plan_q,
         k.plan_amt, k.q, k.amt, round(100 * k.amt / nullif(k.plan_amt, 0), 1), k.plan_ytd,
         k.ytd, round(100 * k.ytd / nullif(k.plan_ytd, 0), 1), k.ly, k.ly_ytd
    from k join scope s on s.id = k.customer_id join public.products pr on pr.id = k.product_id
   order by s.area_code, s.code, pr.sku;
end
$$;

REVOKE ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.monthly_plan_actual(p_month date, p_area_code text) TO service_role;
