-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) RETURNS TABLE(customer_id uuid, product_id uuid, outlets integer, carrying integer, by_stock integer, by_orders integer, distribution_pct numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION private.distribution(p_as_of date, p_days integer, p_customer_ids uuid[]) TO service_role;
