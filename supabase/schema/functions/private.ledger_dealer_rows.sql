-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_ids uuid[];
begin
  if api then
    perform private.require_staff();
  end if;
  perform private.figure_date(p_as_of);
  everyone := not api or (select private.is_manager());
  select array_agg(c.id) into v_ids
    from public.customers c
   where c.tier = 1 and c.deleted_at is null
     and (p_customer_id is null or c.id = p_customer_id)
     and (everyone or c.id in (select private.staff_customer_ids()));
  if v_ids is null then
    return;
  end if;
  return query
  with ct as (
    select distinct on (k.customer_id) k.customer_id, k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id = any(v_ids) and k.deleted_at is null
     order by k.customer_id,
              (k.status = 'effective' and coalesce(k.effective_on, k.term_start, p_as_of) <= p_as_of
               and (k.term_end is null or k.term_end >= p_as_of)) desc,
              k.version desc, k.created_at desc
  )
  select s.id, s.code, s.name, s.area_id, a.code, a.name, s.status, s.grade::text,
         s.credit_limit, coalesce(b.balance, 0),
         greatest(coalesce(b.balance, 0) - s.credit_limit, 0), f.month_plan,
         coalesce(f.month_purchases, 0), coalesce(f.ytd_plan, 0), coalesce(f.ytd_purchases, 0),
         round(100 * f.ytd_progress, 1), coalesce(f.last_year_ytd, 0),
         ct.id, ct.contract_no, ct.status, ct.term_end
    from public.customers s
    join public.areas a on a.id = s.area_id
    left join private.balances(p_as_of, v_ids) b on b.customer_id = s.id
    left join private.sales_figures(p_as_of, v_ids) f on f.customer_id = s.id
    left join ct on ct.customer_id = s.id
   where s.id = any(v_ids)
   order by a.code, s.code;
end
$$;

REVOKE ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid) TO service_role;
