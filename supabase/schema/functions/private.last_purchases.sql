-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[]) RETURNS TABLE(customer_id uuid, last_day date)
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
  select st.customer_id, st.last_day from private.purchase_stats st
   where st.last_day <= p_as_of and (v_all or st.customer_id = any(v_ids))
  union all
  select p.customer_id, max(p.day)
    from private.purchase_stats st
    join private.purchase_days p on p.customer_id = st.customer_id
   where st.last_day > p_as_of and (v_all or st.customer_id = any(v_ids)) and p.day <= p_as_of
   group by p.customer_id;
end
$$;

REVOKE ALL ON FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.last_purchases(p_as_of date, p_customer_ids uuid[]) TO service_role;
