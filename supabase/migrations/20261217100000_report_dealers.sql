-- Issue 20: the monthly report's dealer sheets (plan against actual, the dealers' month, the
-- distribution targets) took the dealers in scope as `tier = 1 and id in (select … from
-- private.report_customers(area))`: every customer in scope (102,000 at national scale) looked up
-- one by one by primary key to keep 2,000 dealers — ~0.6 s of each sheet. report_customers now
-- takes the tier too and filters it in its own scan; the one-argument form is the same function
-- with no tier, so who is in scope stays defined once.

CREATE OR REPLACE FUNCTION private.report_customers(p_area_code text, p_tier smallint)
 RETURNS TABLE(id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO '' SET jit = off
AS $function$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_area uuid;
begin
  if api then
    perform private.require_staff();
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
   where c.deleted_at is null and (p_tier is null or c.tier = p_tier)
     and (v_area is null or c.area_id in (select t.id from tree t))
     and (everyone or c.id in (select private.staff_customer_ids()));
end
$function$;

CREATE OR REPLACE FUNCTION private.report_customers(p_area_code text)
 RETURNS TABLE(id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select r.id from private.report_customers(p_area_code, null::smallint) r
$function$;

-- As 20261201120000, with the dealers in scope from report_customers(area, 1).
create or replace function public.monthly_plan_actual(p_month date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, product_id uuid,
  sku text, product_name text, spec text, plan_quantity numeric, plan_amount numeric,
  actual_quantity numeric, actual_amount numeric, progress_pct numeric, ytd_plan numeric,
  ytd_actual numeric, ytd_progress_pct numeric, last_year_amount numeric,
  last_year_ytd numeric)
language plpgsql stable security definer set search_path = '' set jit = off
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
  select array_agg(r.id) into ids from private.report_customers(p_area_code, 1::smallint) r;
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

revoke all on function private.report_customers(text, smallint) from public, anon;
grant execute on function private.report_customers(text, smallint) to authenticated, service_role;
