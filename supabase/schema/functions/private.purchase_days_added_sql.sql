-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_days_added_sql(p_relation text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select private.purchase_days_added_sql(p_relation, true)
$$;

CREATE FUNCTION private.purchase_days_added_sql(p_relation text, p_merge boolean) RETURNS text
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
       group by n.customer_id, n.shipped_on%s
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) from ins$q$, p_relation,
    case when p_merge then $q$
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines$q$ else '' end)
$_$;

REVOKE ALL ON FUNCTION private.purchase_days_added_sql(p_relation text) FROM PUBLIC;

REVOKE ALL ON FUNCTION private.purchase_days_added_sql(p_relation text, p_merge boolean) FROM PUBLIC;
