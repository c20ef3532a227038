-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_months_added_sql(p_relation text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select private.purchase_months_added_sql(p_relation, true)
$$;

CREATE FUNCTION private.purchase_months_added_sql(p_relation text, p_merge boolean) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $_$
  select format($q$
    insert into private.purchase_months as p (customer_id, product_id, month, lines, quantity,
                                              amount)
    select n.customer_id, n.product_id, date_trunc('month', n.shipped_on)::date, count(*),
           sum(n.quantity), sum(n.amount)
      from %s n
     where n.deleted_at is null
     group by n.customer_id, n.product_id, date_trunc('month', n.shipped_on)%s$q$, p_relation,
    case when p_merge then $q$
    on conflict (customer_id, month, product_id) do update
       set lines = p.lines + excluded.lines, quantity = p.quantity + excluded.quantity,
           amount = p.amount + excluded.amount$q$ else '' end)
$_$;

REVOKE ALL ON FUNCTION private.purchase_months_added_sql(p_relation text) FROM PUBLIC;

REVOKE ALL ON FUNCTION private.purchase_months_added_sql(p_relation text, p_merge boolean) FROM PUBLIC;
