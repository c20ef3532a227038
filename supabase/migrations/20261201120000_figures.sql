-- One definition per business figure (ARCHITECTURE rule 9, issue 13). Each figure is one
-- set-based server function over any set of customers at once; the ledger, the warnings, the
-- monthly report and the map export all call these, so they cannot disagree. docs/figures.md has
-- the definitions in words.
-- Sections: 1 helpers, 2 receivable balance, 3 purchases, plan, attainment and last year,
-- 4 expenses against budget, 5 numeric distribution, 6 the surfaces restated on the figures
-- (ledger, report functions, warnings), 7 grants.
--
-- The figure functions read the trigger-kept purchase cache (private.purchase_days and
-- purchase_stats, integer cents), so they are security definer and executable by service_role
-- only: the server's own security-definer functions call them as their owner after applying the
-- caller's visibility once (private.ledger_customer, private.report_customers,
-- private.ledger_dealer_rows). Every one takes p_customer_ids (null = every customer) and runs
-- with custom plans, so a few ids are read through the customer indexes and null is one hash
-- aggregate per source, never a call per customer.

-- 1 helpers -------------------------------------------------------------------------------------

create or replace function private.figure_date(p_as_of date) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
end
$$;

revoke all on function private.figure_date(date) from public;
grant execute on function private.figure_date(date) to authenticated, service_role;

-- 2 receivable balance --------------------------------------------------------------------------
-- As of D: what the manufacturer sold (shipments with seller_id null, shipped on or before D)
-- − payments paid on or before D − returns of kind return or credit_note, accepted or completed,
-- decided on or before D. What a sub-distributor owes its dealer is not our receivable;
-- exchanges, repairs and packaging returns do not credit money. One row per customer with any
-- of these up to D (no row: the balance is 0).

create or replace function private.balances(p_as_of date, p_customer_ids uuid[] default null)
returns table (customer_id uuid, billed numeric, paid numeric, credited numeric, balance numeric)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  perform private.figure_date(p_as_of);
  return query
  with u as (
    -- billed: the whole total where the last purchase is on or before D, else the days up to D
    select st.customer_id, st.billed_cents as cents, 0::numeric as paid, 0::numeric as credited
      from private.purchase_stats st
     where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
    union all
    select p.customer_id, p.billed_cents, 0, 0
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
    union all
    select p.customer_id, 0, p.amount, 0 from public.payments p
     where p.deleted_at is null and p.paid_on <= p_as_of and (v_all or p.customer_id = any(v_ids))
    union all
    select r.customer_id, 0, 0, r.amount from public.returns r
     where r.deleted_at is null and r.status in ('accepted', 'completed')
       and r.kind in ('return', 'credit_note') and r.decided_on <= p_as_of
       and (v_all or r.customer_id = any(v_ids))
  )
  select u.customer_id, round(sum(u.cents)::numeric / 100, 2), sum(u.paid), sum(u.credited),
         round(sum(u.cents)::numeric / 100, 2) - sum(u.paid) - sum(u.credited)
    from u
   group by u.customer_id;
end
$$;

-- The last purchase day on or before D (any seller), per customer who bought by then.
create or replace function private.last_purchases(p_as_of date, p_customer_ids uuid[] default null)
returns table (customer_id uuid, last_day date)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  perform private.figure_date(p_as_of);
  return query
  select st.customer_id, st.last_day from private.purchase_stats st
   where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
  union all
  select p.customer_id, max(p.day)
    from private.purchase_stats st
    join private.purchase_days p on p.customer_id = st.customer_id
   where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
   group by p.customer_id;
end
$$;

-- 3 purchases, plan, attainment, last year ------------------------------------------------------

-- Purchases in a period [p_from, p_to]: live shipment lines where the customer is the buyer,
-- whoever sold, by shipped_on; returns do not reduce them. Per customer (from the day cache), or
-- per customer and product with quantities (p_by_product, from the lines).
create or replace function private.purchases(
  p_from date, p_to date, p_customer_ids uuid[] default null, p_by_product boolean default false)
returns table (customer_id uuid, product_id uuid, lines integer, quantity numeric, amount numeric)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '缺少起止日期';
  end if;
  if p_by_product then
    return query
    select s.customer_id, s.product_id, count(*)::int, sum(s.quantity), sum(s.amount)
      from public.shipments s
     where s.deleted_at is null and s.shipped_on >= p_from and s.shipped_on <= p_to
       and (v_all or s.customer_id = any(v_ids))
     group by s.customer_id, s.product_id;
  else
    return query
    select p.customer_id, null::uuid, sum(p.lines)::int, null::numeric,
           round(sum(p.cents)::numeric / 100, 2)
      from private.purchase_days p
     where p.day >= p_from and p.day <= p_to and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id;
  end if;
end
$$;

-- The sales figures as of D, per customer with a purchase or a plan in their windows:
--   month_purchases  1st of D's month … D          ytd_purchases   1 January … D
--   purchases_90d    the 90 days up to D: (D − 90, D]
--   last_year_month, last_year_ytd: the same dates a year earlier (… D − 1 year)
--   last_year_90d    the 90 days up to D − 1 year
--   period_purchases p_from … D (p_from defaults to 1 January)
--   month_plan       D's month's plan (null when that month has none)
--   ytd_plan         the plans of January … D's month, whole months
--   plan_before_month the plans of January … the month before D's month
--   plan_to_date     plan_before_month + month_plan × day(D) ÷ days in D's month
--   period_plan      the same from p_from's month: whole months, D's month pro-rated
--   month_progress = month_purchases ÷ month_plan, ytd_progress = ytd_purchases ÷ ytd_plan,
--   attainment = ytd_purchases ÷ plan_to_date (null without a plan).
create or replace function private.sales_figures(
  p_as_of date, p_customer_ids uuid[] default null, p_from date default null)
returns table (
  customer_id uuid, month_purchases numeric, ytd_purchases numeric, purchases_90d numeric,
  last_year_month numeric, last_year_ytd numeric, last_year_90d numeric,
  period_purchases numeric, month_plan numeric, ytd_plan numeric, plan_before_month numeric,
  plan_to_date numeric, period_plan numeric, month_progress numeric, ytd_progress numeric,
  attainment numeric)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
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

-- 4 expenses against budget ---------------------------------------------------------------------
-- Every live budget whose period reaches D (period_start ≤ D) and has not ended before p_from
-- (default D: the budgets whose period contains D): spent = expenses with period_start ≤
-- spent_on ≤ min(D, period_end); spent_from = the part spent on or after p_from.

create or replace function private.budget_use(
  p_as_of date, p_customer_ids uuid[] default null, p_from date default null)
returns table (
  customer_id uuid, period_start date, period_end date, budget numeric, spent numeric,
  spent_from numeric)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_from date := coalesce(p_from, p_as_of);
begin
  perform private.figure_date(p_as_of);
  return query
  select b.customer_id, b.period_start, b.period_end, b.amount,
         coalesce(sum(e.amount), 0),
         coalesce(sum(e.amount) filter (where e.spent_on >= v_from), 0)
    from public.expense_budgets b
    left join public.expenses e
      on e.customer_id = b.customer_id and e.deleted_at is null
     and e.spent_on >= b.period_start and e.spent_on <= least(p_as_of, b.period_end)
   where b.deleted_at is null and b.period_start <= p_as_of and b.period_end >= v_from
     and (v_all or b.customer_id = any(v_ids))
   group by b.id, b.customer_id, b.period_start, b.period_end, b.amount;
end
$$;

-- 5 numeric distribution ------------------------------------------------------------------------
-- Of the active (or suspended) outlets anywhere down each given customer's chain, how many carry
-- each product: a stock count above zero, or an order or a purchase of it, in the p_days up to
-- D. Security invoker: the caller's row-level security decides which outlets it counts.

create or replace function private.distribution(
  p_as_of date, p_days integer, p_customer_ids uuid[])
returns table (
  customer_id uuid, product_id uuid, outlets integer, carrying integer, by_stock integer,
  by_orders integer, distribution_pct numeric)
language plpgsql stable security invoker set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  perform private.chain_window(p_days, p_as_of);
  return query
  with recursive chain as (
    select c.parent_id as root, c.id from public.customers c
     where c.parent_id = any(p_customer_ids) and c.deleted_at is null
    union
    select ch.root, c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), active as (
    select ch.root, c.id from public.customers c join chain ch on ch.id = c.id
     where c.status in ('active', 'suspended')
  ), seen as (
    select sc.customer_id, sc.product_id, 's'::text as via from public.stock_counts sc
     where sc.customer_id in (select id from active) and sc.deleted_at is null
       and sc.quantity > 0 and sc.counted_at >= private.day_start(p_as_of - p_days + 1)
       and sc.counted_at < private.day_start(p_as_of + 1)
    union
    select o.customer_id, l.product_id, 'o' from public.orders o
      join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from active) and o.deleted_at is null
       and o.status <> 'cancelled' and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
    union
    select s.customer_id, s.product_id, 'o' from public.shipments s
     where s.customer_id in (select id from active) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
  ), total as (
    select r.id as root, count(a.id)::int as n
      from unnest(p_customer_ids) r(id) left join active a on a.root = r.id
     group by r.id
  ), hit as (
    select a.root, se.product_id, se.customer_id, se.via
      from seen se join active a on a.id = se.customer_id
  )
  select t.root, pr.id, t.n,
         count(distinct h.customer_id)::int,
         count(distinct h.customer_id) filter (where h.via = 's')::int,
         count(distinct h.customer_id) filter (where h.via = 'o')::int,
         round(100.0 * count(distinct h.customer_id) / nullif(t.n, 0), 1)
    from total t
    cross join public.products pr
    left join hit h on h.root = t.root and h.product_id = pr.id
   where pr.deleted_at is null and (pr.active or h.customer_id is not null)
   group by t.root, pr.id, t.n;
end
$$;

-- 6 the surfaces, restated on the figures -------------------------------------------------------

-- The dealers' ledger rows as of D: the balance on D, the month and the year to D, the same
-- dates last year, the plan and its progress (security definer: visibility applied once).
create or replace function private.ledger_dealer_rows(p_as_of date, p_customer_id uuid)
returns table (
  customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text,
  status text, grade text, credit_limit numeric, balance numeric, over_limit numeric,
  month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric,
  ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text,
  contract_status text, contract_term_end date)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_ids uuid[];
begin
  if api then
    perform private.require_caller();
  end if;
  perform private.figure_date(p_as_of);
  everyone := not api or (select private.is_manager());
  select array_agg(c.id) into v_ids
    from public.customers c
   where c.tier = 1 and c.deleted_at is null
     and (p_customer_id is null or c.id = p_customer_id)
     and (everyone or c.id in (select private.staff_customer_ids())
          or c.id = (select private.my_customer_id()));
  if v_ids is null then
    return;
  end if;
  return query
  with ct as (
    select distinct on (k.customer_id) k.customer_id, k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id = any(v_ids) and k.deleted_at is null
     order by k.customer_id,
              (k.status = 'effective' and coalesce(k.effective_on, k.term_start, p_as_of) <= p_as_of
               and (k.term_end is null or k.term_end >= p_as_of)) desc,
              k.version desc, k.created_at desc
  )
  select s.id, s.code, s.name, s.area_id, a.code, a.name, s.status, s.grade::text,
         s.credit_limit, coalesce(b.balance, 0),
         greatest(coalesce(b.balance, 0) - s.credit_limit, 0), f.month_plan,
         coalesce(f.month_purchases, 0), coalesce(f.ytd_plan, 0), coalesce(f.ytd_purchases, 0),
         round(100 * f.ytd_progress, 1), coalesce(f.last_year_ytd, 0),
         ct.id, ct.contract_no, ct.status, ct.term_end
    from public.customers s
    join public.areas a on a.id = s.area_id
    left join private.balances(p_as_of, v_ids) b on b.customer_id = s.id
    left join private.sales_figures(p_as_of, v_ids) f on f.customer_id = s.id
    left join ct on ct.customer_id = s.id
   where s.id = any(v_ids)
   order by a.code, s.code;
end
$$;

-- A dealer's year by month: each month's figures are the figures as of the month's last day
-- (the balance, the month and year to date, last year's same dates, the plan and its progress);
-- billed, payments and credits are the month's moves of the balance.
create or replace function public.dealer_ledger(p_customer_id uuid, p_year integer)
returns table (
  month date, purchases numeric, purchase_lines integer, purchase_quantity numeric,
  billed numeric, payments numeric, credits numeric, opening_balance numeric,
  closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric,
  plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric,
  ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric,
  yoy_pct numeric)
language plpgsql stable security definer set search_path = ''
as $$
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

-- The customers a report covers: those the caller may see (the rule of private.ledger_customer:
-- managers and the service side everyone, staff their customers, a dealer itself), in an area
-- and the areas below it when given. Security definer, so the report functions that call it
-- (security definer too) apply the caller's visibility once.
create or replace function private.report_customers(p_area_code text)
returns table (id uuid)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_area uuid;
begin
  if api then
    perform private.require_caller();
  end if;
  everyone := not api or (select private.is_manager());
  if p_area_code is not null then
    select a.id into v_area from public.areas a where a.code = p_area_code and a.deleted_at is null;
    if v_area is null then
      raise exception 'area % not found', p_area_code using errcode = 'P0002',
        detail = format('找不到区域「%s」', p_area_code);
    end if;
  end if;
  return query
  with recursive tree as (
    select v_area as id where v_area is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select c.id from public.customers c
   where c.deleted_at is null and (v_area is null or c.area_id in (select t.id from tree t))
     and (everyone or c.id in (select private.staff_customer_ids())
          or c.id = (select private.my_customer_id()));
end
$$;

-- Plan against actual by dealer (tier 1) and SKU for one month, as of the month's last day:
-- the month, the year to date and the same dates last year, per SKU (the purchases by product
-- add up to private.sales_figures' figures of the dealer).
create or replace function public.monthly_plan_actual(p_month date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, product_id uuid,
  sku text, product_name text, spec text, plan_quantity numeric, plan_amount numeric,
  actual_quantity numeric, actual_amount numeric, progress_pct numeric, ytd_plan numeric,
  ytd_actual numeric, ytd_progress_pct numeric, last_year_amount numeric,
  last_year_ytd numeric)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  m0 date;
  y0 date;
  me date;
  ly date;
  ids uuid[];
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  m0 := date_trunc('month', p_month)::date;
  y0 := date_trunc('year', m0)::date;
  me := (m0 + interval '1 month' - interval '1 day')::date;
  ly := (me - interval '1 year')::date;
  select array_agg(c.id) into ids from public.customers c
   where c.tier = 1 and c.id in (select r.id from private.report_customers(p_area_code) r);
  return query
  with scope as (
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
    select x.customer_id, x.product_id, sum(x.q) as q, sum(x.amt) as amt, sum(x.ytd) as ytd,
           sum(x.ly) as ly, sum(x.ly_ytd) as ly_ytd
      from (select p.customer_id, p.product_id, p.quantity as q, p.amount as amt, 0 as ytd,
                   0 as ly, 0 as ly_ytd from private.purchases(m0, me, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, p.amount, 0, 0
              from private.purchases(y0, me, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, 0, p.amount, 0
              from private.purchases((m0 - interval '1 year')::date, ly, ids, true) p
            union all
            select p.customer_id, p.product_id, 0, 0, 0, 0, p.amount
              from private.purchases((y0 - interval '1 year')::date, ly, ids, true) p) x
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

-- Receivables ageing as of a date: private.balances' balance, split over the open manufacturer
-- shipments with payments and credits applied oldest first (FIFO by shipment date), by age.
create or replace function public.receivables_ageing(p_as_of date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, tier smallint,
  credit_limit numeric, balance numeric, days_0_30 numeric, days_31_60 numeric,
  days_61_90 numeric, days_over_90 numeric, over_limit numeric, oldest_open date)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  ids uuid[];
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  select array_agg(r.id) into ids from private.report_customers(p_area_code) r;
  return query
  with bal as (
    select b.customer_id, b.balance, b.paid + b.credited as settled
      from private.balances(p_as_of, coalesce(ids, '{}'::uuid[])) b
  ), lines as (
    select s.customer_id, s.shipped_on, s.amount,
           sum(s.amount) over (partition by s.customer_id order by s.shipped_on, s.doc_no,
                               s.line_no) as cum
      from public.shipments s
     where s.seller_id is null and s.deleted_at is null and s.shipped_on <= p_as_of
       and s.customer_id = any(ids)
  ), openl as (
    select l.customer_id, l.shipped_on,
           greatest(0, least(l.amount, l.cum - coalesce(b.settled, 0))) as open_amt
      from lines l left join bal b on b.customer_id = l.customer_id
  ), agg as (
    select o.customer_id,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on <= 30) as d30,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 31 and 60) as d60,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on between 61 and 90) as d90,
           sum(o.open_amt) filter (where p_as_of - o.shipped_on > 90) as dmore,
           min(o.shipped_on) filter (where o.open_amt > 0) as oldest
      from openl o group by 1
  )
  select c.id, c.code, c.name, a.code, c.tier, c.credit_limit, bal.balance,
         coalesce(g.d30, 0), coalesce(g.d60, 0), coalesce(g.d90, 0), coalesce(g.dmore, 0),
         greatest(bal.balance - c.credit_limit, 0), g.oldest
    from bal
    join public.customers c on c.id = bal.customer_id
    join public.areas a on a.id = c.area_id
    left join agg g on g.customer_id = bal.customer_id
   where bal.balance <> 0 or c.credit_limit > 0
   order by greatest(bal.balance - c.credit_limit, 0) desc, bal.balance desc, c.code;
end
$$;

-- Expenses against budget for a month, as of the month's last day: every live budget whose
-- period overlaps the month (private.budget_use: spent in the month, and in the period up to the
-- month's end), and customers who spent in the month without such a budget.
create or replace function public.expenses_vs_budget(p_month date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text,
  period_start date, period_end date, budget numeric, spent_month numeric,
  spent_period numeric, remaining numeric, used_pct numeric)
language plpgsql stable security definer set search_path = ''
as $$
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
  select coalesce(array_agg(r.id), '{}') into ids from private.report_customers(p_area_code) r;
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
     where e.deleted_at is null and e.customer_id = any(ids)
       and e.spent_on >= m0 and e.spent_on <= m1
       and not exists (select from b where b.customer_id = e.customer_id)
     group by e.customer_id
  )
  select c.id, c.code, c.name, a.code, r.period_start, r.period_end, r.budget, r.sm, r.sp,
         r.budget - r.sp, round(100 * r.sp / nullif(r.budget, 0), 1)
    from mrows r join public.customers c on c.id = r.customer_id
    join public.areas a on a.id = c.area_id
   order by a.code, c.code, r.period_start nulls last;
end
$$;

create or replace function public.dealer_distribution(
  p_customer_id uuid, p_days integer default 90, p_as_of date default private.company_today())
returns table (
  product_id uuid, sku text, product_name text, outlets integer, carrying integer,
  by_stock integer, by_orders integer, distribution_pct numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.ledger_customer(p_customer_id);
  return query
  select pr.id, pr.sku, pr.name, d.outlets, d.carrying, d.by_stock, d.by_orders,
         d.distribution_pct
    from private.distribution(p_as_of, p_days, array[cu.id]) d
    join public.products pr on pr.id = d.product_id
   order by d.carrying desc, pr.sku;
end
$$;

-- The warnings' evaluation (restated from 20261127160000_warnings_speed.sql): the balance, the
-- purchases since 1 January and in the two 90-day windows, the plan to date and the budgets'
-- spending now come from the figure functions; the rest is unchanged.

create or replace function private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date)
returns table (action text, warning_id uuid, customer_id uuid, kind text, cause_key text,
               severity text, status text, figures jsonb, resolution text)
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set jit = off
set work_mem = '64MB'
set max_parallel_workers_per_gather = 0
set join_collapse_limit = 1
set from_collapse_limit = 1
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_d date := p_as_of;
  v_year text := extract(year from p_as_of)::int::text;
  v_m0 date := make_date(extract(year from p_as_of)::int, extract(month from p_as_of)::int, 1);
  v_dom integer := extract(day from p_as_of)::int;
  v_dim integer := (v_m0 + interval '1 month')::date - v_m0;
  v_3m date := (p_as_of - interval '3 months')::date;
  v_6m date := (p_as_of - interval '6 months')::date;
  v_def numeric[];
  v_missing text;
  v_cond private.warning_condition[];
begin
  if p_as_of is null then
    raise exception 'as_of is required: the date to evaluate the warnings as of'
      using errcode = '22004', detail = '必须指定评估日期（as_of）';
  end if;
  if not v_all then
    if array_position(p_customer_ids, null) is not null then
      raise exception 'customer ids must not contain null'
        using errcode = '22004', detail = '客户编号列表中不能有空值';
    end if;
    select string_agg(u.id::text, ', ') into v_missing
      from unnest(p_customer_ids) as u(id)
     where not exists (select from public.customers c where c.id = u.id);
    if v_missing is not null then
      raise exception 'unknown customer id(s): %', v_missing
        using errcode = 'P0002', detail = '客户不存在：' || v_missing;
    end if;
    if cardinality(p_customer_ids) = 0 then
      return;
    end if;
  end if;
  -- the settings' thresholds, in this order (overrides per grade or customer apply per row)
  select array_agg((s.value #>> '{}')::numeric order by k.n) into v_def
    from unnest(array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
                      'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
                      'warning.churn.days', 'warning.expense_rising.tolerance',
                      'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
                      'warning.major_incident.days']) with ordinality as k(key, n)
    join public.settings s on s.key = k.key;
  if coalesce(cardinality(v_def), 0) < 9 then
    raise exception 'a warning.* setting is missing from public.settings'
      using errcode = '22023', detail = '预警阈值设置不完整';
  end if;

  -- evaluations never interleave: the partial unique index would make the loser fail
  perform pg_advisory_xact_lock(727003);

  -- 1: the conditions that hold as of D ---------------------------------------------------------
  -- Joins run in the written order (join_collapse_limit = 1): the customers in scope, then one
  -- aggregate per source, each hashed once. Every source is read through a covering index.
  with
  ovr as (
    select o.grade, o.customer_id,
      max(o.value) filter (where o.setting_key = 'warning.behind_plan.tolerance') as behind_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.tolerance') as bly_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.min_amount') as bly_min,
      max(o.value) filter (where o.setting_key = 'warning.frequency_drop.factor') as freq_f,
      max(o.value) filter (where o.setting_key = 'warning.churn.days') as churn_n,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.tolerance') as exp_t,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.min_amount') as exp_min,
      max(o.value) filter (where o.setting_key = 'warning.credit.high_ratio') as credit_high,
      max(o.value) filter (where o.setting_key = 'warning.major_incident.days') as incident_n
      from public.warning_thresholds o
     group by o.grade, o.customer_id
  ),
  -- evaluated customers in scope (customers_evaluated_idx has exactly these rows and columns);
  -- narrow, as it is read three times; base adds the other thresholds
  th as (
    select c.id as customer_id, c.credit_limit, c.owner_id, c.grade,
           coalesce(oc.incident_n, og.incident_n, v_def[9])::integer as incident_n
      from public.customers c
      left join ovr og on og.customer_id is null and og.grade = c.grade
      left join ovr oc on oc.customer_id = c.id
     where c.deleted_at is null and c.status <> 'eliminated' and (v_all or c.id = any(v_ids))
  ),
  -- purchases: live shipments where the customer is the buyer, summed per day in
  -- private.purchase_days (integer cents). What does not depend on D — the
  -- last purchase and the rhythm before it (purchase days in the 12 months up to it, median
  -- gap) — is kept per customer in private.purchase_stats; only customers who bought after D
  -- are recomputed from their days up to D.
  stale_days as (
    select p.customer_id, p.day,
           p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
           (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > v_d and (v_all or st.customer_id = any(v_ids)) and p.day <= v_d
  ),
  buy as (
    select st.customer_id, st.last_day, st.purchases, st.median_gap
      from private.purchase_stats st
     where st.last_day <= v_d and (v_all or st.customer_id = any(v_ids))
    union all
    select d.customer_id, max(d.day),
           count(*) filter (where d.day - d.gap > d.lb) + 1,
           (percentile_cont(0.5) within group (order by d.gap)
              filter (where d.day - d.gap > d.lb))::numeric
      from stale_days d
     group by d.customer_id
  ),
  -- the figures shared with the ledger, the reports and the map (20261201120000_figures.sql)
  bal as (
    select b.customer_id, b.balance from private.balances(v_d, p_customer_ids) b
  ),
  fig as (
    select f.customer_id, f.ytd_purchases, f.purchases_90d, f.last_year_90d,
           -- the plan to date times the days of this month (exact: no division before comparing)
           f.plan_before_month * v_dim + coalesce(f.month_plan, 0) * v_dom as plan_x_dim
      from private.sales_figures(v_d, p_customer_ids) f
  ),
  exp as (
    select e.customer_id,
           coalesce(sum(e.amount) filter (where e.spent_on > v_3m), 0) as recent,
           coalesce(sum(e.amount) filter (where e.spent_on <= v_3m), 0) as previous
      from public.expenses e
     where e.deleted_at is null and e.spent_on > v_6m and e.spent_on <= v_d
       and (v_all or e.customer_id = any(v_ids))
     group by e.customer_id
  ),
  -- one row per evaluated customer with every figure the rules need
  base as (
    select x.*,
           (x.last_day <= v_d - x.churn_n
            and x.last_day > (v_d - x.churn_n - interval '1 year')::date) as churned
      from (
        select th.customer_id, th.owner_id, th.credit_limit,
               -- thresholds: customer override, grade override, setting
               coalesce(oc.behind_t, og.behind_t, v_def[1]) as behind_t,
               coalesce(oc.bly_t, og.bly_t, v_def[2]) as bly_t,
               coalesce(oc.bly_min, og.bly_min, v_def[3]) as bly_min,
               coalesce(oc.freq_f, og.freq_f, v_def[4]) as freq_f,
               coalesce(oc.churn_n, og.churn_n, v_def[5])::integer as churn_n,
               coalesce(oc.exp_t, og.exp_t, v_def[6]) as exp_t,
               coalesce(oc.exp_min, og.exp_min, v_def[7]) as exp_min,
               coalesce(oc.credit_high, og.credit_high, v_def[8]) as credit_high,
               coalesce(ba.balance, 0) as balance,
               coalesce(fi.ytd_purchases, 0) as ytd,
               coalesce(fi.purchases_90d, 0) as r90,
               coalesce(fi.last_year_90d, 0) as p90,
               bu.last_day, bu.purchases, bu.median_gap,
               coalesce(fi.plan_x_dim, 0) as plan_x_dim,
               coalesce(ex.recent, 0) as exp_recent, coalesce(ex.previous, 0) as exp_previous
          from th
          left join ovr og on og.customer_id is null and og.grade = th.grade
          left join ovr oc on oc.customer_id = th.customer_id
          left join buy bu on bu.customer_id = th.customer_id
          left join bal ba on ba.customer_id = th.customer_id
          left join fig fi on fi.customer_id = th.customer_id
          left join exp ex on ex.customer_id = th.customer_id
      ) x
  ),
  -- the rules over base, evaluated once per customer; only customers with a condition that holds
  -- are kept (a null test counts as not holding, as in a WHERE clause)
  hits as (
    select f.*
      from (select b.*,
                   b.balance > b.credit_limit as f_credit,
                   b.plan_x_dim > 0 and b.ytd * v_dim < (1 - b.behind_t) * b.plan_x_dim as f_behind,
                   b.p90 > 0 and b.p90 >= b.bly_min and b.r90 < (1 - b.bly_t) * b.p90 as f_bly,
                   not b.churned and b.purchases >= 4
                     and (v_d - b.last_day) > b.freq_f * b.median_gap as f_freq,
                   b.exp_recent > b.exp_min and b.exp_recent > (1 + b.exp_t) * b.exp_previous
                     as f_exp
              from base b) f
     where f.f_credit or f.f_behind or f.f_bly or f.churned or f.f_freq or f.f_exp
  ),
  cond as (
    select b.customer_id, b.owner_id, 'credit_over_limit'::text as kind, 'balance'::text as cause_key,
           case when b.balance > b.credit_high * b.credit_limit then 'high' else 'medium' end as severity,
           jsonb_build_object('balance', b.balance, 'credit_limit', b.credit_limit,
             'ratio', round(b.balance / nullif(b.credit_limit, 0), 4),
             'high_ratio', b.credit_high) as figures
      from hits b
     where b.f_credit
    union all
    select b.customer_id, b.owner_id, 'behind_plan', v_year, 'medium',
           jsonb_build_object('year', v_year::int, 'purchases', b.ytd,
             'plan_to_date', round(b.plan_x_dim / v_dim, 2),
             'attainment', round(b.ytd * v_dim / b.plan_x_dim, 4),
             'tolerance', b.behind_t)
      from hits b
     where b.f_behind
    union all
    select b.customer_id, b.owner_id, 'below_last_year', 'rolling', 'medium',
           jsonb_build_object('purchases_90d', b.r90, 'last_year_90d', b.p90,
             'ratio', round(b.r90 / b.p90, 4), 'tolerance', b.bly_t,
             'min_amount', b.bly_min)
      from hits b
     where b.f_bly
    union all
    select b.customer_id, b.owner_id, 'churn', b.last_day::text, 'high',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'days', b.churn_n)
      from hits b
     where b.churned
    union all
    select b.customer_id, b.owner_id, 'purchase_frequency_drop', b.last_day::text, 'low',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'median_gap_days', b.median_gap, 'purchases', b.purchases, 'factor', b.freq_f)
      from hits b
     where b.f_freq
    union all
    select b.customer_id, b.owner_id, 'expense_rising', 'rolling', 'low',
           jsonb_build_object('expenses_3m', b.exp_recent, 'previous_3m', b.exp_previous,
             'tolerance', b.exp_t, 'min_amount', b.exp_min)
      from hits b
     where b.f_exp
    union all
    select th.customer_id, th.owner_id, 'expense_over_budget', bu.period_start::text, 'medium',
           jsonb_build_object('period_start', bu.period_start, 'period_end', bu.period_end,
             'spent', bu.spent, 'budget', bu.budget,
             'ratio', round(bu.spent / nullif(bu.budget, 0), 4))
      from private.budget_use(v_d, p_customer_ids) bu
      join th on th.customer_id = bu.customer_id
     where bu.spent > bu.budget
    union all
    select th.customer_id, th.owner_id, 'major_incident', i.id::text, 'high',
           jsonb_build_object('incident_kind', i.kind, 'occurred_on', i.occurred_on,
             'description', left(i.description, 200))
      from public.incidents i
      join th on th.customer_id = i.customer_id
     where i.deleted_at is null and i.kind <> 'minor' and i.occurred_on <= v_d
       and i.occurred_on > v_d - th.incident_n
       and (v_all or i.customer_id = any(v_ids))
  )
  select coalesce(array_agg(row(c.customer_id, c.owner_id, c.kind, c.cause_key, c.severity,
                                c.figures)::private.warning_condition
                            order by c.customer_id, c.kind, c.cause_key), '{}')
    into v_cond
    from cond c;

  -- 2: update and clear, then raise ------------------------------------------------------------
  -- Updating and clearing first leaves the INSERT only causes without an unresolved warning (a
  -- cleared cause is not among the conditions, an updated one stays open), so the order does
  -- not change the result.
  return query
  with
  cond as (
    select * from unnest(v_cond)
  ),
  cur as (
    select w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.figures
      from public.warnings w
     where w.status <> 'resolved' and (v_all or w.customer_id = any(v_ids))
  ),
  updated as (
    update public.warnings w
       set severity = c.severity, figures = c.figures
      from cur
      join cond c on c.customer_id = cur.customer_id and c.kind = cur.kind
                 and c.cause_key = cur.cause_key
     where w.id = cur.id and (cur.severity, cur.figures) is distinct from (c.severity, c.figures)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  cleared as (
    update public.warnings w
       set status = 'resolved', resolved_at = now(), cleared_at = now(),
           figures = w.figures || jsonb_build_object('cleared_as_of', v_d),
           resolution = case
             when exists (select from public.customers cu
                           where cu.id = w.customer_id
                             and (cu.deleted_at is not null or cu.status = 'eliminated'))
               then 'customer_inactive'
             when w.kind = 'behind_plan' and w.cause_key <> v_year then 'period_ended'
             when w.kind = 'expense_over_budget' and exists (
                    select from public.expense_budgets b
                     where b.customer_id = w.customer_id and b.deleted_at is null
                       and b.period_start::text = w.cause_key
                       and not (b.period_start <= v_d and b.period_end >= v_d)) then 'period_ended'
             when w.kind = 'major_incident' and exists (
                    select from public.incidents i
                     where i.customer_id = w.customer_id and i.id::text = w.cause_key
                       and i.deleted_at is null and i.kind <> 'minor') then 'period_ended'
             else 'condition_cleared' end
      from cur
     where w.id = cur.id
       and not exists (select from cond c
                        where c.customer_id = cur.customer_id and c.kind = cur.kind
                          and c.cause_key = cur.cause_key)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  unsuppressed as (
    update public.warnings w
       set cleared_at = now()
     where w.status = 'resolved' and w.cleared_at is null
       and (v_all or w.customer_id = any(v_ids))
       and not exists (select from cond c
                        where c.customer_id = w.customer_id and c.kind = w.kind
                          and c.cause_key = w.cause_key)
    returning w.id
  )
  select 'updated'::text, u.id, u.customer_id, u.kind, u.cause_key, u.severity, u.status,
         u.figures, u.resolution
    from updated u
  union all
  select 'cleared', x.id, x.customer_id, x.kind, x.cause_key, x.severity, x.status, x.figures,
         x.resolution
    from cleared x;

  -- Raise the conditions that have no unresolved warning and were not resolved by a person while
  -- they held (warnings_one_open_per_cause_idx and warnings_suppressed_idx answer both per
  -- cause, whatever the scope). The conditions hold one row per cause, and the advisory lock
  -- keeps other evaluations out, so no ON CONFLICT is needed; the unique index still guards it.
  -- The foreign-key checks of the new rows run nested in this statement: back to the default
  -- plan_cache_mode, so that each check reuses its cached plan instead of planning again
  -- (force_custom_plan had planned every check: most of a first run's time).
  perform set_config('plan_cache_mode', 'auto', true);
  return query
  with
  raised as (
    insert into public.warnings as w (customer_id, kind, cause_key, severity, owner_id, figures)
    select c.customer_id, c.kind, c.cause_key, c.severity, c.owner_id, c.figures
      from unnest(v_cond) c
     where not exists (select from public.warnings o
                        where o.customer_id = c.customer_id and o.kind = c.kind
                          and o.cause_key = c.cause_key and o.status <> 'resolved')
       and not exists (select from public.warnings r
                        where r.customer_id = c.customer_id and r.kind = c.kind
                          and r.cause_key = c.cause_key and r.status = 'resolved'
                          and r.cleared_at is null)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  )
  select 'raised'::text, r.id, r.customer_id, r.kind, r.cause_key, r.severity, r.status,
         r.figures, r.resolution
    from raised r;
end
$$;

revoke all on function private.evaluate_warnings_core(uuid[], date) from public;
grant execute on function private.evaluate_warnings_core(uuid[], date) to service_role;

-- 7 grants --------------------------------------------------------------------------------------

revoke all on function private.balances(date, uuid[]), private.last_purchases(date, uuid[]),
  private.purchases(date, date, uuid[], boolean), private.sales_figures(date, uuid[], date),
  private.budget_use(date, uuid[], date), private.distribution(date, integer, uuid[]),
  private.ledger_dealer_rows(date, uuid), private.report_customers(text) from public;
grant execute on function private.balances(date, uuid[]), private.last_purchases(date, uuid[]),
  private.purchases(date, date, uuid[], boolean), private.sales_figures(date, uuid[], date),
  private.budget_use(date, uuid[], date) to service_role;
grant execute on function private.distribution(date, integer, uuid[]),
  private.ledger_dealer_rows(date, uuid), private.report_customers(text)
  to authenticated, service_role;

revoke all on function public.dealer_ledger(uuid, integer), public.monthly_plan_actual(date, text),
  public.receivables_ageing(date, text), public.expenses_vs_budget(date, text),
  public.dealer_distribution(uuid, integer, date) from public, anon;
grant execute on function public.dealer_ledger(uuid, integer), public.monthly_plan_actual(date, text),
  public.receivables_ageing(date, text), public.expenses_vs_budget(date, text),
  public.dealer_distribution(uuid, integer, date) to authenticated, service_role;
