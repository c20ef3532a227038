-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_days_added_sql(p_relation text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select format($q$
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from %s n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) from ins$q$, p_relation)
$_$;

REVOKE ALL ON FUNCTION private.purchase_days_added_sql(p_relation text) FROM PUBLIC;
