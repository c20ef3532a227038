-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_by_product boolean DEFAULT false) RETURNS TABLE(customer_id uuid, product_id uuid, lines integer, quantity numeric, amount numeric)
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
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '缺少起止日期';
  end if;
  if p_by_product and p_from = date_trunc('month', p_from)::date
     and p_to = (date_trunc('month', p_to) + interval '1 month' - interval '1 day')::date then
    return query
    select m.customer_id, m.product_id, sum(m.lines)::int, sum(m.quantity), sum(m.amount)
      from private.purchase_months m
     where m.month >= p_from and m.month <= p_to and (v_all or m.customer_id = any(v_ids))
     group by m.customer_id, m.product_id;
  elsif p_by_product then
    return query
    select s.customer_id, s.product_id, count(*)::int, sum(s.quantity), sum(s.amount)
      from public.shipments s
     where s.deleted_at is null and s.shipped_on >= p_from and s.shipped_on <= p_to
       and (v_all or s.customer_id = any(v_ids))
     group by s.customer_id, s.product_id;
  else
    return query
    select p.customer_id, null::uuid, sum(p.lines)::int, null::numeric,
           round(sum(p.cents)::numeric / 100, 2)
      from private.purchase_days p
     where p.day >= p_from and p.day <= p_to and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id;
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[], p_by_product boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.purchases(p_from date, p_to date, p_customer_ids uuid[], p_by_product boolean) TO service_role;
