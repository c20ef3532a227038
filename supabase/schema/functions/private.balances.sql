-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.balances(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[]) RETURNS TABLE(customer_id uuid, billed numeric, paid numeric, credited numeric, balance numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  perform private.figure_date(p_as_of);
  return query
  with later as materialized (
    -- bought after D: read back from the end when D is nearer the last purchase than the first
    select st.customer_id, st.billed_cents,
           p_as_of - (select min(d.day) from private.purchase_days d
                       where d.customer_id = st.customer_id) > st.last_day - p_as_of as from_end
      from private.purchase_stats st
     where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids))
  ), u as (
    -- billed: the whole total where the last purchase is on or before D, else the days up to D
    -- (or the whole total less the days after D)
    select st.customer_id, st.billed_cents as cents, 0::numeric as paid, 0::numeric as credited
      from private.purchase_stats st
     where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
    union all
    select p.customer_id, p.billed_cents, 0, 0
      from later st
      join private.purchase_days p on p.customer_id = st.customer_id
     where not st.from_end and p.day <= p_as_of
    union all
    select st.customer_id, st.billed_cents, 0, 0 from later st where st.from_end
    union all
    select p.customer_id, -p.billed_cents, 0, 0
      from later st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.from_end and p.day > p_as_of
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

REVOKE ALL ON FUNCTION private.balances(p_as_of date, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.balances(p_as_of date, p_customer_ids uuid[]) TO service_role;
