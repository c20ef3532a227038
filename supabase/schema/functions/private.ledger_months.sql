-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.ledger_months(p_ids uuid[], p_from date, p_to date) RETURNS TABLE(customer_id uuid, month date, purchases numeric, purchase_lines integer, purchase_quantity numeric, billed numeric, payments numeric, credits numeric, opening_balance numeric, closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric, plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric, ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric, yoy_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  m_first date := date_trunc('month', p_from)::date;
  m_last date := date_trunc('month', p_to)::date;
begin
  if p_ids is null or p_from is null or p_to is null then
    raise exception 'p_ids, p_from and p_to are required' using errcode = '22023',
      detail = '缺少客户编号或起止月份';
  end if;
  if m_first > m_last then
    raise exception 'p_from (%) must not be after p_to (%)', p_from, p_to using errcode = '22023',
      detail = format('起始月份（%s）不能晚于截止月份（%s）', p_from, p_to);
  end if;
  return query
  with m as (
    select g::date as m0, (g + interval '1 month' - interval '1 day')::date as me
      from generate_series(m_first, m_last, interval '1 month') g
  ), c as (
    select c.id, c.credit_limit from public.customers c where c.id = any(p_ids)
  ), d as (
    -- the balance dates: the day before the first month (its opening), then every month end
    select m_first - 1 as me
    union all
    select m.me from m
  ), x as (
    select d.me, x.customer_id, x.billed, x.paid, x.credited, x.balance
      from d cross join lateral private.balances(d.me, p_ids) x
  ), b as (
    select c.id, d.me, coalesce(x.billed, 0) as billed, coalesce(x.paid, 0) as paid,
           coalesce(x.credited, 0) as credited, coalesce(x.balance, 0) as balance
      from c cross join d
      left join x on x.customer_id = c.id and x.me = d.me
  ), bm as (
    select b.id, b.me, b.billed - lag(b.billed) over w as billed,
           b.paid - lag(b.paid) over w as paid, b.credited - lag(b.credited) over w as credited,
           lag(b.balance) over w as opening, b.balance as closing
      from b window w as (partition by b.id order by b.me)
  ), pq as (
    select m.m0, p.customer_id, sum(p.lines)::int as lines, sum(p.quantity) as qty
      from m cross join lateral private.purchases(m.m0, m.me, p_ids, true) p
     group by m.m0, p.customer_id
  ), plq as (
    select p.customer_id, p.month as m0, sum(p.quantity) as qty from public.sales_plans p
     where p.customer_id = any(p_ids) and p.deleted_at is null
       and p.month >= m_first and p.month <= m_last
     group by p.customer_id, p.month
  ), f as (
    select m.m0, f.* from m cross join lateral private.sales_figures(m.me, p_ids) f
  )
  select c.id, m.m0, coalesce(f.month_purchases, 0), coalesce(pq.lines, 0), coalesce(pq.qty, 0),
         bm.billed, bm.paid, bm.credited, bm.opening, bm.closing, c.credit_limit,
         greatest(bm.closing - c.credit_limit, 0), f.month_plan, plq.qty,
         round(100 * f.month_progress, 1), coalesce(f.ytd_purchases, 0),
         coalesce(f.ytd_plan, 0), round(100 * f.ytd_progress, 1),
         coalesce(f.last_year_month, 0), coalesce(f.last_year_ytd, 0),
         round(100 * f.month_purchases / nullif(f.last_year_month, 0), 1)
    from c cross join m
    join bm on bm.id = c.id and bm.me = m.me
    left join f on f.customer_id = c.id and f.m0 = m.m0
    left join pq on pq.customer_id = c.id and pq.m0 = m.m0
    left join plq on plq.customer_id = c.id and plq.m0 = m.m0
   order by c.id, m.m0;
end
$$;

REVOKE ALL ON FUNCTION private.ledger_months(p_ids uuid[], p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ledger_months(p_ids uuid[], p_from date, p_to date) TO service_role;
