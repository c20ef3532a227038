-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.new_contract(p_customer_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_caller();
  cust public.customers;
  t jsonb;
  s jsonb;
  start date := (date_trunc('month', private.company_today()) + interval '1 month')::date;
  v_row public.contracts;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if (select private.my_role()) not in ('manager', 'area_manager') then
    perform private.deny('only managers and area managers draft contracts',
                         '只有销售经理和区域经理可以起草合同');
  end if;
  select * into cust from public.customers c where c.id = p_customer_id and c.deleted_at is null;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform pg_advisory_xact_lock(hashtext('fieldsales.new_contract'), hashtext(cust.id::text));
  select * into v_row from public.contracts k
   where k.customer_id = cust.id and k.status = 'draft' and k.deleted_at is null
   order by k.created_at desc, k.id
   limit 1;
  if found then
    return v_row;
  end if;
  select jsonb_object_agg(st.key, st.value) into s from public.settings st
   where st.key like 'company.%';
  select st.value into t from public.settings st where st.key = 'contract.template';
  t := coalesce(t, '{}');
  insert into public.contracts (
    contract_no, customer_id, custodian_id, quality_terms, delivery_time, delivery_place,
    transport_mode, freight_paid_by, acceptance_terms, rights_level, territory, brands,
    term_start, term_end, settlement_method, payment_days, rebate_pct, annual_bonus,
    promotion_support, advertising_support, staff_support, ordering_terms, return_terms,
    breach_liability, dispute_resolution, signed_place,
    party_a_name, party_a_address, party_a_phone, party_a_legal_rep, party_a_signing_rep,
    party_a_bank, party_a_account, party_a_tax_id,
    party_b_name, party_b_address, party_b_phone, party_b_signing_rep)
  values (
    private.next_contract_no(cust.code, extract(year from start)::int), cust.id, who,
    t ->> 'quality_terms', t ->> 'delivery_time', nullif(concat(cust.address, '（乙方仓库）'), '（乙方仓库）'),
    t ->> 'transport_mode', t ->> 'freight_paid_by', t ->> 'acceptance_terms',
    case when cust.tier = 1 then coalesce(t ->> 'rights_level', 'general') else 'sub' end,
    (select a.name from public.areas a where a.id = cust.area_id),
    nullif(array_to_string(cust.hot_brands, '、'), ''),
    start, (start + make_interval(months => coalesce((t ->> 'term_months')::int, 12)))::date - 1,
    t ->> 'settlement_method', cust.payment_terms_days, (t ->> 'rebate_pct')::numeric,
    t ->> 'annual_bonus', t ->> 'promotion_support', t ->> 'advertising_support',
    t ->> 'staff_support', t ->> 'ordering_terms', t ->> 'return_terms',
    t ->> 'breach_liability', t ->> 'dispute_resolution', s ->> 'company.address',
    s ->> 'company.name', s ->> 'company.address', s ->> 'company.phone',
    s ->> 'company.legal_rep', (select p.full_name from public.profiles p where p.id = who),
    s ->> 'company.bank', s ->> 'company.account', s ->> 'company.tax_id',
    cust.name, cust.address, cust.phone, cust.contact_name)
  returning * into v_row;
  insert into public.contract_lines (contract_id, line_no, product_id, variety, brand, spec,
                                     quantity, unit_price)
  select v_row.id, row_number() over (order by pr.sku), pr.id, pr.variety, pr.brand, pr.spec,
         b.qty, pr.unit_price
    from (select sh.product_id, sum(sh.quantity) as qty from public.shipments sh
           where sh.customer_id = cust.id and sh.deleted_at is null
             and sh.shipped_on > private.company_today() - interval '1 year'
           group by sh.product_id) b
    join public.products pr on pr.id = b.product_id;
  return v_row;
end
$$;

REVOKE ALL ON FUNCTION public.new_contract(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.new_contract(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.new_contract(p_customer_id uuid) TO service_role;
