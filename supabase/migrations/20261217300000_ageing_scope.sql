-- Issue 20: the receivables ageing of the whole company at national scale (102,000 customers, of
-- which 2,000 dealers are billed by the manufacturer) took 1.7–2.1 s: it listed every customer's
-- id in an array (planned as a 102,000-element constant in each statement it filtered), computed
-- the balance of every one of them and looked each up by primary key, to keep the ~2,000 with a
-- balance or a credit limit.
--
-- * private.report_sees_all(): whether the caller's reports cover every customer (the service
--   side, a manager), with the staff check for the API roles — the rule report_customers used
--   inline, now in one place that both read.
-- * private.report_scope(area): the customers in scope as an array, or null when that is every
--   live customer (no area asked, the caller sees all): the figure functions take null as all.
-- * receivables_ageing keeps the balances with a balance or a credit limit before anything else,
--   and reads the purchase days of those customers only. Deleted customers stay out (the null
--   scope includes them; the final join drops them, as report_customers did).

create or replace function private.report_sees_all() returns boolean
language plpgsql stable security definer set search_path = '' set jit = off
as $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if api then
    perform private.require_staff();
  end if;
  return not api or (select private.is_manager());
end
$$;

-- As 20261217100000, the caller's reach from report_sees_all.
CREATE OR REPLACE FUNCTION private.report_customers(p_area_code text, p_tier smallint)
 RETURNS TABLE(id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO '' SET jit = off
AS $function$
#variable_conflict use_column
declare
  everyone boolean := private.report_sees_all();
  v_area uuid;
begin
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

-- The customers a report covers as an array (report_customers), or null when that is every live
-- customer.
create or replace function private.report_scope(p_area_code text) returns uuid[]
language plpgsql stable security definer set search_path = '' set jit = off
as $$
begin
  if p_area_code is null and private.report_sees_all() then
    return null;
  end if;
  return array(select r.id from private.report_customers(p_area_code) r);
end
$$;

revoke all on function private.report_sees_all(), private.report_scope(text) from public, anon;
grant execute on function private.report_sees_all(), private.report_scope(text)
  to authenticated, service_role;

-- As 20261216500000, with the scope as an array or null, and only the listed customers' days.
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
  ids := private.report_scope(p_area_code);
  return query
  with bal as materialized (
    -- the rows the ageing lists: a balance, or a credit limit to show it against
    select b.customer_id, b.balance, b.paid + b.credited as settled
      from private.balances(p_as_of, ids) b
     where b.balance <> 0
        or b.customer_id in (select c.id from public.customers c where c.credit_limit > 0)
  ), days as (
    select p.customer_id, p.day, p.billed_cents,
           sum(p.billed_cents) over (partition by p.customer_id order by p.day) as cum_cents
      from private.purchase_days p
     where p.billed_cents > 0 and p.day <= p_as_of
       and p.customer_id in (select bal.customer_id from bal)
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
    join public.customers c on c.id = bal.customer_id and c.deleted_at is null
    join public.areas a on a.id = c.area_id
    left join agg g on g.customer_id = bal.customer_id
   where bal.balance <> 0 or c.credit_limit > 0
   order by greatest(bal.balance - c.credit_limit, 0) desc, bal.balance desc, c.code;
end
$$;
