-- Input limits (issue 14, part 6): every text has a length, every number a sane range, every
-- tree is acyclic. They are constraints and triggers, so every write path meets them: the RPCs,
-- a direct REST write, sync_push and the importer. docs/access.md, "Limits", lists them.
--
-- 1 texts: a length check on every text column of every public table
-- 2 numbers: ranges; quantities in boxes are whole
-- 3 trees: areas and customers have no parent cycle
-- 4 set_sales_plans: whole boxes and sane amounts, with a clear error per product
-- 5 new_contract: a dealer's open draft is returned instead of a second one

-- 1 texts ---------------------------------------------------------------------------------------
-- Two tiers: 4000 characters for notes, bodies and contract clauses (listed here), 200 for every
-- other text (codes, names, kinds, addresses, phones, paths). Each check is named
-- <table>_<column>_len, so a refusal names its column. New text columns need their own check:
-- tests/db/test_input_limits.py fails for a text column without a limit.

do $$
declare
  long_texts constant text[] := array[
    'complaints.detail', 'complaints.investigation', 'complaints.decision', 'complaints.reply',
    'contract_events.note',
    'contracts.quality_terms', 'contracts.delivery_time', 'contracts.delivery_place',
    'contracts.transport_mode', 'contracts.acceptance_terms', 'contracts.territory',
    'contracts.brands', 'contracts.settlement_method', 'contracts.annual_bonus',
    'contracts.promotion_support', 'contracts.advertising_support', 'contracts.staff_support',
    'contracts.ordering_terms', 'contracts.return_terms', 'contracts.breach_liability',
    'contracts.dispute_resolution',
    'customer_conduct_flags.note', 'customer_notes.body', 'customers.coverage',
    'evaluations.comment', 'expenses.description', 'incidents.description', 'orders.note',
    'payments.note', 'returns.reason', 'sales_plans.schedule', 'sales_plans.planned_support',
    'settings.description', 'shipments.discrepancy_note', 'visit_plan_decisions.comment',
    'visit_plans.decision_comment', 'visits.notes', 'visits.feedback', 'visits.competitor_notes',
    'visits.offsite_reason', 'warning_thresholds.note', 'warnings.notes', 'warnings.resolution'];
  c record;
  n integer;
begin
  for c in
    select cl.relname as tbl, a.attname as col
      from pg_attribute a
      join pg_class cl on cl.oid = a.attrelid
     where cl.relnamespace = 'public'::regnamespace and cl.relkind in ('r', 'p')
       and a.attnum > 0 and not a.attisdropped and a.atttypid = 'text'::regtype
     order by 1, 2
  loop
    n := case when c.tbl || '.' || c.col = any(long_texts) then 4000 else 200 end;
    execute format('alter table public.%I add constraint %I check (char_length(%I) <= %s)',
                   c.tbl, c.tbl || '_' || c.col || '_len', c.col, n);
  end loop;
end
$$;

-- the other kinds of text: a list of brands, JSON values
alter table public.customers add constraint customers_hot_brands_len
  check (cardinality(hot_brands) <= 50 and char_length(array_to_string(hot_brands, '')) <= 2000);
alter table public.settings add constraint settings_value_len
  check (octet_length(value::text) <= 65536);
alter table public.warnings add constraint warnings_figures_len
  check (octet_length(figures::text) <= 8000);

-- 2 numbers -------------------------------------------------------------------------------------
-- Quantities are boxes (the products' unit): whole, 0 to 1,000,000 per line. A stock count and
-- a rep's order line may hold an opened box (the app allows three decimals), within the same
-- range. Money: 0 to ¥1,000,000,000 per row, unit prices to ¥1,000,000. Counts and sizes have
-- ceilings; distances and accuracies are metres on the earth. Each check is named
-- <table>_<column>_range. Server counters (row versions, sync ids) are not limited here.

do $$
declare
  r record;
begin
  for r in
    select * from (values
      -- boxes: whole
      ('contract_lines', 'quantity', 'quantity = trunc(quantity) and quantity between 0 and 1000000'),
      ('sales_plans', 'quantity', 'quantity = trunc(quantity) and quantity between 0 and 1000000'),
      ('returns', 'quantity', 'quantity = trunc(quantity) and quantity between 0 and 1000000'),
      ('shipments', 'quantity', 'quantity = trunc(quantity) and quantity between 0 and 1000000'),
      ('shipments', 'received_quantity',
       'received_quantity = trunc(received_quantity) and received_quantity between 0 and 1000000'),
      ('shipments', 'damaged_quantity',
       'damaged_quantity = trunc(damaged_quantity) and damaged_quantity between 0 and 1000000'),
      -- boxes counted or ordered on a visit: an opened box is allowed
      ('stock_counts', 'quantity', 'quantity between 0 and 1000000'),
      ('order_lines', 'quantity', 'quantity between 0 and 1000000'),
      -- money
      ('contract_lines', 'unit_price', 'unit_price between 0 and 1000000'),
      ('order_lines', 'unit_price', 'unit_price between 0 and 1000000'),
      ('products', 'unit_price', 'unit_price between 0 and 1000000'),
      ('shipments', 'unit_price', 'unit_price between 0 and 1000000'),
      ('customers', 'credit_limit', 'credit_limit between 0 and 1000000000'),
      ('expense_budgets', 'amount', 'amount between 0 and 1000000000'),
      ('expenses', 'amount', 'amount between 0 and 1000000000'),
      ('payments', 'amount', 'amount between 0 and 1000000000'),
      ('returns', 'amount', 'amount between 0 and 1000000000'),
      ('sales_plans', 'amount', 'amount between 0 and 1000000000'),
      ('shipments', 'amount', 'amount between 0 and 1000000000'),
      ('support_activities', 'cost', 'cost between 0 and 1000000000'),
      ('customer_classifications', 'volume_12m',
       'volume_12m between -1000000000000 and 1000000000000'),
      ('warning_thresholds', 'value', 'value between 0 and 1000000000'),
      -- a dealer's size
      ('customers', 'capital_10k', 'capital_10k between 0 and 1000000'),
      ('customers', 'warehouse_m2', 'warehouse_m2 between 0 and 1000000'),
      ('customers', 'vehicles', 'vehicles between 0 and 100000'),
      ('customers', 'staff', 'staff between 0 and 100000'),
      ('customers', 'sub_distributor_count', 'sub_distributor_count between 0 and 100000'),
      -- numbering
      ('contract_lines', 'line_no', 'line_no between 1 and 10000'),
      ('shipments', 'line_no', 'line_no between 1 and 10000'),
      -- a stop's order key: the app numbers it by seconds since 2026 (fieldapp/services/plans.py)
      ('visit_plan_stops', 'seq', 'seq between 1 and 2000000000'),
      ('contracts', 'version', 'version between 1 and 1000'),
      -- metres
      ('visits', 'checkin_accuracy_m', 'checkin_accuracy_m between 0 and 1000000'),
      ('visits', 'checkin_distance_m', 'checkin_distance_m between 0 and 20100000')
    ) as t(tbl, col, expr)
  loop
    execute format('alter table public.%I add constraint %I check (%s)',
                   r.tbl, r.tbl || '_' || r.col || '_range', r.expr);
  end loop;
end
$$;

-- 3 trees ---------------------------------------------------------------------------------------
-- A parent may not be the row itself or one of its descendants. Checked when parent_id changes
-- (an insert names a new row, which nobody is under yet); a transaction lock per table keeps two
-- concurrent moves from closing a loop between them.

create or replace function private.refuse_parent_cycle() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  loop_found boolean;
begin
  if new.parent_id is null or new.parent_id is not distinct from old.parent_id then
    return new;  -- no parent, or the same one (an upsert that rewrites every column)
  end if;
  perform pg_advisory_xact_lock(hashtext('fieldsales.tree.' || tg_table_name));
  execute format(
    'with recursive up(id) as (select $1 union select t.parent_id from public.%I t'
    ' join up on t.id = up.id where t.parent_id is not null)'
    ' select exists (select from up where up.id = $2)', tg_table_name)
    into loop_found using new.parent_id, new.id;
  if loop_found then
    raise exception '%.parent_id: % cannot be under one of its own descendants (a cycle)',
      tg_table_name, new.id using errcode = '23514',
      detail = case tg_table_name when 'areas' then '上级区域不能是本区域或其下级区域（形成循环）'
                                  else '上级客户不能是本客户或其下级客户（形成循环）' end;
  end if;
  return new;
end
$$;

revoke all on function private.refuse_parent_cycle() from public;

create trigger areas_refuse_parent_cycle
  before update of parent_id on public.areas
  for each row execute function private.refuse_parent_cycle();

create trigger customers_refuse_parent_cycle
  before update of parent_id on public.customers
  for each row execute function private.refuse_parent_cycle();

-- 4 set_sales_plans -----------------------------------------------------------------------------
-- As before (20261127150000_ledger_app.sql), with the limits of part 2 checked per product, so
-- the refusal names it: a quantity is whole boxes up to 1,000,000, an amount up to ¥1,000,000,000.

create or replace function public.set_sales_plans(
  p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text default null,
  p_planned_support text default null)
returns integer
language plpgsql security invoker set search_path = ''
as $$
declare
  v_role text;
  m0 date;
  l jsonb;
  v_sku text;
  q numeric;
  amt numeric;
  pr public.products;
  n integer := 0;
  seen text[] := '{}';
  todo jsonb := '[]';
begin
  perform private.require_caller();
  v_role := (select private.my_role());
  if v_role not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers enter sales plans',
                         '只有区域经理和销售经理可以录入销售计划');
  end if;
  if p_month is null or p_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
    raise exception 'p_month must look like 2026-12' using errcode = '22023',
      detail = '月份格式应为“年-月”，例如 2026-12';
  end if;
  m0 := (p_month || '-01')::date;
  if extract(year from m0) not between 2000 and 2100 then
    raise exception 'p_month must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c
       where c.id = p_customer_id and c.deleted_at is null and c.tier = 1
         and ((select private.is_manager())
              or c.id in (select private.staff_customer_ids()))) then
    raise exception 'dealer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该经销商（或不在您的区域）';
  end if;
  if length(coalesce(p_schedule, '')) > 2000 or length(coalesce(p_planned_support, '')) > 2000 then
    raise exception 'the schedule or support is too long' using errcode = '22023',
      detail = '进度安排和支持计划不能超过2000字';
  end if;
  if p_lines is null or jsonb_typeof(p_lines) <> 'array' or jsonb_array_length(p_lines) = 0 then
    raise exception 'p_lines must be a non-empty array' using errcode = '22023',
      detail = '请至少填写一个产品的计划';
  end if;
  if jsonb_array_length(p_lines) > 500 then
    raise exception 'at most 500 lines at once' using errcode = '22023',
      detail = '一次最多录入500行';
  end if;
  for l in select value from jsonb_array_elements(p_lines) loop
    v_sku := left(btrim(coalesce(l ->> 'sku', '')), 200);
    select * into pr from public.products p where p.sku = v_sku and p.deleted_at is null;
    if not found then
      raise exception 'no product with SKU "%"', v_sku using errcode = '22023',
        detail = format('找不到产品编码「%s」', v_sku);
    end if;
    if v_sku = any(seen) then
      raise exception 'SKU % appears twice', v_sku using errcode = '22023',
        detail = format('产品「%s」重复', pr.name);
    end if;
    seen := seen || v_sku;
    begin
      q := nullif(btrim(l ->> 'quantity'), '')::numeric;
      amt := nullif(btrim(l ->> 'amount'), '')::numeric;
    exception when invalid_text_representation or numeric_value_out_of_range then
      raise exception 'the quantity and amount of % must be numbers', v_sku using errcode = '22023',
        detail = format('「%s」的数量和金额须为数字', pr.name);
    end;
    if q is null or q < 0 or q > 1000000 or q <> trunc(q) then
      raise exception 'the quantity of % must be whole boxes from 0 to 1,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划数量须为0到1,000,000之间的整箱数', pr.name);
    end if;
    amt := coalesce(amt, round(q * pr.unit_price, 2));
    if amt < 0 or amt > 1000000000 then
      raise exception 'the amount of % must be from 0 to 1,000,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划金额须在0到1,000,000,000元之间', pr.name);
    end if;
    todo := todo || jsonb_build_object('product_id', pr.id, 'quantity', q, 'amount', amt);
  end loop;
  for l in select value from jsonb_array_elements(todo) loop
    insert into public.sales_plans as sp (customer_id, product_id, month, quantity, amount,
                                          schedule, planned_support)
    values (p_customer_id, (l ->> 'product_id')::uuid, m0, (l ->> 'quantity')::numeric,
            round((l ->> 'amount')::numeric, 2), nullif(btrim(p_schedule), ''),
            nullif(btrim(p_planned_support), ''))
    on conflict (customer_id, product_id, month) do update
       set quantity = excluded.quantity, amount = excluded.amount,
           schedule = coalesce(excluded.schedule, sp.schedule),
           planned_support = coalesce(excluded.planned_support, sp.planned_support),
           deleted_at = null, updated_at = now();
    n := n + 1;
  end loop;
  return n;
end
$$;

-- 5 new_contract --------------------------------------------------------------------------------
-- A second "new contract" for a customer that has an open draft returns that draft (the latest,
-- if several) instead of creating "…-2"; the app says so. A lock per customer keeps two calls at
-- the same time from both creating one. Otherwise as in 20261201090000_company_clock.sql.

create or replace function public.new_contract(p_customer_id uuid)
 RETURNS contracts
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
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
$function$;
