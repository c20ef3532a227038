-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.ledger_dealers(p_as_of date DEFAULT private.company_today(), p_customer_id uuid DEFAULT NULL::uuid) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  return query select * from private.ledger_dealer_rows(p_as_of, p_customer_id);
end
$$;

REVOKE ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.ledger_dealers(p_as_of date, p_customer_id uuid) TO service_role;
