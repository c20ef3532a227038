-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.receivables_ageing(p_as_of date, p_area_code text DEFAULT NULL::text) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_code text, tier smallint, credit_limit numeric, balance numeric, days_0_30 numeric, days_31_60 numeric, days_61_90 numeric, days_over_90 numeric, over_limit numeric, oldest_open date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  ids uuid[];
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  ids := private.report_scope(p_area_code);
  return query
  with bal as materialized (
    select b.customer_id, b.balance, b.paid + b.credited as settled
      from private.balances(p_as_of, ids) b
     where b.balance <> 0
        or b.customer_id in (select c.id from public.customers c where c.credit_limit > 0)
  )
  select c.id, c.code, c.name, a.code, c.tier, c.credit_limit, bal.balance,
         coalesce(g.d30, 0), coalesce(g.d60, 0), coalesce(g.d90, 0), coalesce(g.dmore, 0),
         greatest(bal.balance - c.credit_limit, 0), g.oldest
    from bal
    join public.customers c on c.id = bal.customer_id and c.deleted_at is null
    join public.areas a on a.id = c.area_id
    cross join lateral (  -- the customer's open amounts by age, oldest open day

      select sum(o.open_amt) filter (where p_as_of - o.day <= 30) as d30,
             sum(o.open_amt) filter (where p_as_of - o.day between 31 and 60) as d60,
             sum(o.open_amt) filter (where p_as_of - o.day between 61 and 90) as d90,
             sum(o.open_amt) filter (where p_as_of - o.day > 90) as dmore,
             min(o.day) filter (where o.open_amt > 0) as oldest
        from (select p.day,
                     (greatest(0, least(p.billed_cents,
                        sum(p.billed_cents) over (order by p.day) - bal.settled * 100))
                      / 100)::numeric(14, 2) as open_amt
                from private.purchase_days p
               where p.customer_id = bal.customer_id and p.billed_cents > 0
                 and p.day <= p_as_of) o
    ) g
   where bal.balance <> 0 or c.credit_limit > 0
   order by greatest(bal.balance - c.credit_limit, 0) desc, bal.balance desc, c.code;
end
$$;

REVOKE ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION public.receivables_ageing(p_as_of date, p_area_code text) TO service_role;
