-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.refresh_purchase_stats(p_customer_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
begin
  delete from private.purchase_stats st
   where (p_customer_ids is null or st.customer_id = any(p_customer_ids))
     and not exists (select from private.purchase_days p where p.customer_id = st.customer_id);
  insert into private.purchase_stats as st
         (customer_id, billed_cents, last_day, purchases, median_gap)
  select d.customer_id, sum(d.billed_cents), max(d.day),
         count(*) filter (where d.day - d.gap > d.lb) + 1,
         (percentile_cont(0.5) within group (order by d.gap)
            filter (where d.day - d.gap > d.lb))::numeric
    from (select p.customer_id, p.day, p.billed_cents,
                 p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
                 (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
            from private.purchase_days p
           where p_customer_ids is null or p.customer_id = any(p_customer_ids)) d
   group by d.customer_id
  on conflict (customer_id) do update
     set billed_cents = excluded.billed_cents, last_day = excluded.last_day,
         purchases = excluded.purchases, median_gap = excluded.median_gap
   where (st.billed_cents, st.last_day, st.purchases, st.median_gap)
         is distinct from (excluded.billed_cents, excluded.last_day, excluded.purchases,
                           excluded.median_gap);
end
$$;

REVOKE ALL ON FUNCTION private.refresh_purchase_stats(p_customer_ids uuid[]) FROM PUBLIC;
