-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) RETURNS TABLE(month date, purchases numeric, purchase_lines integer, purchase_quantity numeric, billed numeric, payments numeric, credits numeric, opening_balance numeric, closing_balance numeric, credit_limit numeric, over_limit numeric, plan_amount numeric, plan_quantity numeric, progress_pct numeric, ytd_purchases numeric, ytd_plan numeric, ytd_progress_pct numeric, last_year_purchases numeric, last_year_ytd numeric, yoy_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  if p_year is null or p_year < 2000 or p_year > 2100 then
    raise exception 'p_year must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  return query
  select l.month, l.purchases, l.purchase_lines, l.purchase_quantity, l.billed, l.payments,
         l.credits, l.opening_balance, l.closing_balance, l.credit_limit, l.over_limit,
         l.plan_amount, l.plan_quantity, l.progress_pct, l.ytd_purchases, l.ytd_plan,
         l.ytd_progress_pct, l.last_year_purchases, l.last_year_ytd, l.yoy_pct
    from private.ledger_months(array[cu.id], make_date(p_year, 1, 1), make_date(p_year, 12, 1)) l
   order by l.month;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_ledger(p_customer_id uuid, p_year integer) TO service_role;
