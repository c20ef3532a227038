-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today()) RETURNS TABLE(customer_id uuid, code text, name text, tier smallint, parent_code text, status text, orders integer, order_amount numeric, purchases numeric, last_order_on date, last_visit_at timestamp with time zone, last_count_at timestamp with time zone, skus_in_stock integer, stock jsonb)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  with recursive chain as (
    select c.id from public.customers c where c.parent_id = cu.id and c.deleted_at is null
    union
    select c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), ord as (
    select o.customer_id, count(distinct o.id)::int as n,
           coalesce(sum(l.quantity * l.unit_price), 0) as amt, max(o.ordered_on) as last_on
      from public.orders o
      left join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from chain) and o.deleted_at is null
       and o.status <> 'cancelled'
       and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
     group by o.customer_id
  ), bought as (
    select s.customer_id, sum(s.amount) as amt from public.shipments s
     where s.customer_id in (select id from chain) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
     group by s.customer_id
  ), lastcount as (
    select distinct on (sc.customer_id, sc.product_id) sc.customer_id, sc.product_id,
           sc.quantity, sc.counted_at
      from public.stock_counts sc
     where sc.customer_id in (select id from chain) and sc.deleted_at is null
       and sc.counted_at < private.day_start(p_as_of + 1)
     order by sc.customer_id, sc.product_id, sc.counted_at desc
  ), st as (
    select lc.customer_id, max(lc.counted_at) as last_at,
           count(*) filter (where lc.quantity > 0)::int as skus,
           jsonb_object_agg(pr.sku, lc.quantity order by pr.sku) as stock
      from lastcount lc join public.products pr on pr.id = lc.product_id
     group by lc.customer_id
  ), vis as (
    select v.customer_id, max(v.checkin_at) as last_at from public.visits v
     where v.customer_id in (select id from chain) and v.deleted_at is null
       and v.status <> 'cancelled' and v.checkin_at < private.day_start(p_as_of + 1)
     group by v.customer_id
  )
  select c.id, c.code, c.name, c.tier, pa.code, c.status, coalesce(o.n, 0),
         coalesce(o.amt, 0), coalesce(b.amt, 0), o.last_on, v.last_at, st.last_at,
         coalesce(st.skus, 0), coalesce(st.stock, '{}'::jsonb)
    from public.customers c
    join chain ch on ch.id = c.id
    left join public.customers pa on pa.id = c.parent_id
    left join ord o on o.customer_id = c.id
    left join bought b on b.customer_id = c.id
    left join st on st.customer_id = c.id
    left join vis v on v.customer_id = c.id
   order by c.tier, c.code;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer, p_as_of date) TO service_role;
