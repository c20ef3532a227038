-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_account(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, code text, name text, grade text, status text, credit_limit numeric, balance numeric, over_limit numeric, credit_used_pct numeric, month_plan numeric, month_purchases numeric, month_progress_pct numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, month_payments numeric, ytd_payments numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date, contract_days_left integer, credit_warnings jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  v_id uuid;
  d date := coalesce(p_as_of, private.company_today());
  m0 date;
  y0 date;
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'dealer' then
    perform private.deny('only a dealer has an own account', '只有经销商可以查看自己的账户');
  end if;
  v_id := (select private.my_customer_id());
  if v_id is null then
    perform private.deny('this login is not linked to a customer', '该账号未关联客户');
  end if;
  perform private.figure_date(d);
  m0 := date_trunc('month', d)::date;
  y0 := date_trunc('year', d)::date;
  return query
  with ct as (
    -- the contract the ledger shows: the effective one on d first, else the latest version
    select k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id = v_id and k.deleted_at is null
     order by (k.status = 'effective' and coalesce(k.effective_on, k.term_start, d) <= d
               and (k.term_end is null or k.term_end >= d)) desc,
              k.version desc, k.created_at desc
     limit 1
  ), pay as (
    select coalesce(sum(p.amount) filter (where p.paid_on >= m0), 0) as month_paid,
           coalesce(sum(p.amount), 0) as ytd_paid
      from public.payments p
     where p.customer_id = v_id and p.deleted_at is null and p.paid_on between y0 and d
  ), warn as (
    select coalesce(jsonb_agg(jsonb_build_object(
             'id', w.id, 'severity', w.severity, 'raised_at', w.raised_at,
             'message_zh', public.warning_message(w.kind, w.figures, 'zh'),
             'message_en', public.warning_message(w.kind, w.figures, 'en'))
             order by w.raised_at desc), '[]'::jsonb) as items
      from public.warnings w
     where w.customer_id = v_id and w.kind = 'credit_over_limit' and w.status <> 'resolved'
  )
  select c.id, c.code, c.name, c.grade::text, c.status, c.credit_limit,
         coalesce(b.balance, 0), greatest(coalesce(b.balance, 0) - c.credit_limit, 0),
         case when c.credit_limit > 0 then round(100 * coalesce(b.balance, 0) / c.credit_limit, 1) end,
         f.month_plan, coalesce(f.month_purchases, 0), round(100 * f.month_progress, 1),
         coalesce(f.ytd_plan, 0), coalesce(f.ytd_purchases, 0), round(100 * f.ytd_progress, 1),
         pay.month_paid, pay.ytd_paid,
         ct.id, ct.contract_no, ct.status, ct.term_end, (ct.term_end - d)::integer, warn.items
    from public.customers c
    cross join pay
    cross join warn
    left join private.balances(d, array[v_id]) b on b.customer_id = c.id
    left join private.sales_figures(d, array[v_id]) f on f.customer_id = c.id
    left join ct on true
   where c.id = v_id;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_account(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_account(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_account(p_as_of date) TO service_role;
