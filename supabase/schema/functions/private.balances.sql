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
  with u as (
    -- billed: the whole total where the last purchase is on or before D, else the days up to D
    select st.customer_id, st.billed_cents as cents, 0::numeric as paid, 0::numeric as credited
      from private.purchase_stats st
     where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
    union all
    select p.customer_id, p.billed_cents, 0, 0
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
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
