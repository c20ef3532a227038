-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) RETURNS TABLE(month date, purchases numeric, purchase_lines integer, purchase_quantity numeric, billed numeric, payments numeric, credits numeric, opening_balance numeric, closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric, plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric, ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric, yoy_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
  y0 date;
  ids uuid[];
begin
  if p_year is null or p_year < 2000 or p_year > 2100 then
    raise exception 'p_year must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  y0 := make_date(p_year, 1, 1);
  ids := array[cu.id];
  return query
  with m as (
    select g::date as m0, (g + interval '1 month' - interval '1 day')::date as me
      from generate_series(y0, make_date(p_year, 12, 1), interval '1 month') g
  ), b as (
    select m.m0, coalesce(x.billed, 0) as billed, coalesce(x.paid, 0) as paid,
           coalesce(x.credited, 0) as credited, coalesce(x.balance, 0) as balance
      from (select (y0 - interval '1 month')::date as m0, y0 - 1 as me
            union all select m.m0, m.me from m) m
      left join lateral private.balances(m.me, ids) x on true
  ), bm as (
    select b.m0, b.billed - lag(b.billed) over w as billed, b.paid - lag(b.paid) over w as paid,
           b.credited - lag(b.credited) over w as credited, lag(b.balance) over w as opening,
           b.balance as closing
      from b window w as (order by b.m0)
  ), pq as (
    select m.m0, sum(p.lines)::int as lines, sum(p.quantity) as qty
      from m cross join lateral private.purchases(m.m0, m.me, ids, true) p
     group by m.m0
  ), plq as (
    select p.month as m0, sum(p.quantity) as qty from public.sales_plans p
     where p.customer_id = cu.id and p.deleted_at is null
       and p.month >= y0 and p.month < y0 + interval '1 year'
     group by 1
  )
  select m.m0, coalesce(f.month_purchases, 0), coalesce(pq.lines, 0), coalesce(pq.qty, 0),
         bm.billed, bm.paid, bm.credited, bm.opening, bm.closing, cu.credit_limit,
         greatest(bm.closing - cu.credit_limit, 0), f.month_plan, plq.qty,
         round(100 * f.month_progress, 1), coalesce(f.ytd_purchases, 0),
         coalesce(f.ytd_plan, 0), round(100 * f.ytd_progress, 1),
         coalesce(f.last_year_month, 0), coalesce(f.last_year_ytd, 0),
         round(100 * f.month_purchases / nullif(f.last_year_month, 0), 1)
    from m
    join bm on bm.m0 = m.m0 and bm.opening is not null
    left join lateral private.sales_figures(m.me, ids) f on true
    left join pq on pq.m0 = m.m0
    left join plq on plq.m0 = m.m0
   order by m.m0;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO service_role;
