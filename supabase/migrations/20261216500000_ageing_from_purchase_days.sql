-- Issue 20: receivables ageing from the purchase summary, not from every shipment line.
--
-- The ageing settles the oldest billed purchases first (FIFO) and buckets what stays open by the
-- day it was shipped. Amounts are never negative (shipments_amount_check), so within one day the
-- lines' open amounts add up to the part of the day's total above what is settled:
--   open(day) = greatest(0, least(day_total, cum_through_day - settled))
-- which is the sum of the per-line formula over that day's lines in any order. So the same
-- buckets and the same oldest open day come from private.purchase_days (billed_cents per customer
-- and day, kept by the shipments' statement triggers), read in its primary key's order: no sort
-- of every line of every customer. Same columns, same rows, same order as 20261201120000;
-- tests/db/test_ageing_days.py compares it with the per-line definition on random histories.
create or replace function public.receivables_ageing(p_as_of date, p_area_code text default null)
returns table (
  customer_id uuid, customer_code text, customer_name text, area_code text, tier smallint,
  credit_limit numeric, balance numeric, days_0_30 numeric, days_31_60 numeric,
  days_61_90 numeric, days_over_90 numeric, over_limit numeric, oldest_open date)
language plpgsql stable security definer set search_path = '' set jit = off
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
  ), days as (
    select p.customer_id, p.day, p.billed_cents,
           sum(p.billed_cents) over (partition by p.customer_id order by p.day) as cum_cents
      from private.purchase_days p
     where p.billed_cents > 0 and p.day <= p_as_of and p.customer_id = any(ids)
  ), openl as (
    select d.customer_id, d.day as shipped_on,
           (greatest(0, least(d.billed_cents,
                              d.cum_cents - coalesce(b.settled, 0) * 100)) / 100)::numeric(14, 2)
             as open_amt
      from days d left join bal b on b.customer_id = d.customer_id
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
