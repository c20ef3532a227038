-- The ledger in the app: what the managers' screens read and write online, next to the ledger
-- functions of 20261127130000_ledger.sql.
-- Sections: 1 dealers in scope with their year-to-date figures, 2 contracts for the app (a
-- dealer's contracts, one contract with its lines and history), 3 monthly plans (a dealer's
-- month per SKU; entry by area managers and managers), 4 grants.
--
-- The API functions are security invoker: RLS decides which customers, shipments, payments,
-- plans and contracts the caller sees. One exception for speed: the dealer list is computed by a
-- private security-definer helper that applies the same visibility rule once (see section 1).
-- The figures are defined exactly as in public.dealer_ledger.

-- 1 dealers in scope ----------------------------------------------------------------------------
-- Tier-1 dealers the caller may see (or one of them), with the figures of dealer_ledger's row
-- for the month of p_as_of: the month's and year-to-date plan and purchases, progress, the same
-- period last year, the receivable balance at the month's end against the credit limit; and the
-- contract that covers p_as_of (or the latest one).

-- The rows, computed without RLS on each table (a policy would run staff_customer_ids() once
-- per table read: ~50 ms for an area manager of the large demo); the caller's visibility is
-- applied once, to the dealers, with the rule of private.ledger_customer.
create or replace function private.ledger_dealer_rows(p_as_of date, p_customer_id uuid)
returns table (
  customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text,
  status text, grade text, credit_limit numeric, balance numeric, over_limit numeric,
  month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric,
  ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text,
  contract_status text, contract_term_end date)
language plpgsql stable security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  m0 date := date_trunc('month', p_as_of)::date;
  m1 date := (date_trunc('month', p_as_of) + interval '1 month')::date;
  y0 date := date_trunc('year', p_as_of)::date;
begin
  if api then
    perform private.require_caller();
  end if;
  everyone := not api or (select private.is_manager());
  return query
  with scope as (
    select c.id, c.code, c.name, c.area_id, c.status, c.grade, c.credit_limit
      from public.customers c
     where c.tier = 1 and c.deleted_at is null
       and (p_customer_id is null or c.id = p_customer_id)
       and (everyone or c.id in (select private.staff_customer_ids())
            or c.id = (select private.my_customer_id()))
  ), sh as (
    select s.customer_id,
           coalesce(sum(s.amount) filter (where s.shipped_on >= m0 and s.shipped_on < m1), 0) as mon,
           coalesce(sum(s.amount) filter (where s.shipped_on >= y0 and s.shipped_on < m1), 0) as ytd,
           coalesce(sum(s.amount) filter (where s.shipped_on >= (y0 - interval '1 year')::date
                                            and s.shipped_on < (m1 - interval '1 year')::date), 0)
             as ly,
           coalesce(sum(s.amount) filter (where s.seller_id is null and s.shipped_on < m1), 0)
             as billed
      from public.shipments s
     where s.customer_id in (select id from scope) and s.deleted_at is null and s.shipped_on < m1
     group by 1
  ), pa as (
    select p.customer_id, sum(p.amount) as amt from public.payments p
     where p.customer_id in (select id from scope) and p.deleted_at is null and p.paid_on < m1
     group by 1
  ), cr as (
    select r.customer_id, sum(r.amount) as amt from public.returns r
     where r.customer_id in (select id from scope) and r.deleted_at is null
       and r.kind in ('return', 'credit_note') and r.status in ('accepted', 'completed')
       and r.decided_on < m1
     group by 1
  ), pl as (
    select p.customer_id, sum(p.amount) filter (where p.month = m0) as mon, sum(p.amount) as ytd
      from public.sales_plans p
     where p.customer_id in (select id from scope) and p.deleted_at is null
       and p.month >= y0 and p.month <= m0
     group by 1
  ), ct as (
    select distinct on (k.customer_id) k.customer_id, k.id, k.contract_no, k.status, k.term_end
      from public.contracts k
     where k.customer_id in (select id from scope) and k.deleted_at is null
     order by k.customer_id,
              (k.status = 'effective' and coalesce(k.effective_on, k.term_start, p_as_of) <= p_as_of
               and (k.term_end is null or k.term_end >= p_as_of)) desc,
              k.version desc, k.created_at desc
  )
  select s.id, s.code, s.name, s.area_id, a.code, a.name, s.status, s.grade::text,
         s.credit_limit, b.bal, greatest(b.bal - s.credit_limit, 0), pl.mon,
         coalesce(sh.mon, 0), coalesce(pl.ytd, 0), coalesce(sh.ytd, 0),
         round(100 * coalesce(sh.ytd, 0) / nullif(pl.ytd, 0), 1), coalesce(sh.ly, 0),
         ct.id, ct.contract_no, ct.status, ct.term_end
    from scope s
    join public.areas a on a.id = s.area_id
    left join sh on sh.customer_id = s.id
    left join pa on pa.customer_id = s.id
    left join cr on cr.customer_id = s.id
    left join pl on pl.customer_id = s.id
    left join ct on ct.customer_id = s.id
    cross join lateral (select coalesce(sh.billed, 0) - coalesce(pa.amt, 0)
                               - coalesce(cr.amt, 0) as bal) b
   order by a.code, s.code;
end
$$;

create or replace function public.ledger_dealers(
  p_as_of date default current_date, p_customer_id uuid default null)
returns table (
  customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text,
  status text, grade text, credit_limit numeric, balance numeric, over_limit numeric,
  month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric,
  ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text,
  contract_status text, contract_term_end date)
language plpgsql stable security invoker set search_path = ''
as $$
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

-- 2 contracts for the app -----------------------------------------------------------------------

-- A dealer's contracts, newest version first (the customer must be visible to the caller).
create or replace function public.dealer_contracts(p_customer_id uuid)
returns table (
  id uuid, contract_no text, version integer, status text, term_start date, term_end date,
  signed_on date, effective_on date, custodian_name text, updated_at timestamptz)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
begin
  select * into cu from private.ledger_customer(p_customer_id);
  return query
  select k.id, k.contract_no, k.version, k.status, k.term_start, k.term_end, k.signed_on,
         k.effective_on, p.full_name, k.updated_at
    from public.contracts k
    left join public.profiles p on p.id = k.custodian_id
   where k.customer_id = cu.id and k.deleted_at is null
   order by (k.status in ('expired', 'terminated')), k.version desc, k.created_at desc;
end
$$;

-- One contract as the app shows it: every field of the eleven sections, the customer, the
-- custodian's name, the goods lines (with SKU and amount) and the history (who, when, note).
create or replace function public.contract_detail(p_contract_id uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  result jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  if p_contract_id is null then
    raise exception 'p_contract_id is required' using errcode = '22023', detail = '缺少合同编号';
  end if;
  select to_jsonb(k) || jsonb_build_object(
           'customer_code', cu.code, 'customer_name', cu.name, 'customer_tier', cu.tier,
           'custodian_name', cp.full_name, 'previous_no', pk.contract_no,
           'lines', coalesce((
             select jsonb_agg(to_jsonb(l) || jsonb_build_object(
                      'sku', pr.sku, 'product_name', pr.name, 'unit', pr.unit,
                      'amount', round(l.quantity * l.unit_price, 2)) order by l.line_no)
               from public.contract_lines l
               left join public.products pr on pr.id = l.product_id
              where l.contract_id = k.id), '[]'::jsonb),
           'events', coalesce((
             select jsonb_agg(jsonb_build_object(
                      'from_status', e.from_status, 'to_status', e.to_status, 'at', e.at,
                      'note', e.note, 'actor_name', ap.full_name)
                    order by e.at, e.from_status nulls first)
               from public.contract_events e
               left join public.profiles ap on ap.id = e.actor_id
              where e.contract_id = k.id), '[]'::jsonb))
    into result
    from public.contracts k
    left join public.customers cu on cu.id = k.customer_id
    left join public.profiles cp on cp.id = k.custodian_id
    left join public.contracts pk on pk.id = k.previous_id
   where k.id = p_contract_id and k.deleted_at is null;
  if result is null then
    raise exception 'contract % not found', p_contract_id using errcode = 'P0002',
      detail = '找不到该合同';
  end if;
  return result;
end
$$;

-- 3 monthly plans -------------------------------------------------------------------------------

-- A dealer's month per SKU: the plan (quantity, amount, schedule, support) and the purchases of
-- the month, for every active product and any product planned or bought that month.
create or replace function public.dealer_month_plan(p_customer_id uuid, p_month date)
returns table (
  product_id uuid, sku text, name text, spec text, unit text, unit_price numeric,
  plan_quantity numeric, plan_amount numeric, schedule text, planned_support text,
  actual_quantity numeric, actual_amount numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  cu record;
  m0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  select * into cu from private.ledger_customer(p_customer_id);
  m0 := date_trunc('month', p_month)::date;
  return query
  with pl as (
    select p.product_id, p.quantity, p.amount, p.schedule, p.planned_support
      from public.sales_plans p
     where p.customer_id = cu.id and p.month = m0 and p.deleted_at is null
  ), sh as (
    select s.product_id, sum(s.quantity) as q, sum(s.amount) as amt
      from public.shipments s
     where s.customer_id = cu.id and s.deleted_at is null
       and s.shipped_on >= m0 and s.shipped_on < m0 + interval '1 month'
     group by 1
  )
  select pr.id, pr.sku, pr.name, pr.spec, pr.unit, pr.unit_price, pl.quantity, pl.amount,
         pl.schedule, pl.planned_support, coalesce(sh.q, 0), coalesce(sh.amt, 0)
    from public.products pr
    left join pl on pl.product_id = pr.id
    left join sh on sh.product_id = pr.id
   where pr.deleted_at is null and (pr.active or pl.product_id is not null or sh.product_id is not null)
   order by pr.sku;
end
$$;

-- Enter a dealer's plan for one month: p_month 'YYYY-MM', p_lines a JSON array of
-- {"sku", "quantity", "amount"} (amount empty: quantity × list price). Area managers (for the
-- dealers of their areas) and managers only. Everything is checked before anything is written;
-- any bad line rejects the whole call. Lines not named keep their plan. Returns lines written.
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
    v_sku := btrim(coalesce(l ->> 'sku', ''));
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
    if q is null or q < 0 or q >= 1e11 then
      raise exception 'the quantity of % must be 0 or more', v_sku using errcode = '22023',
        detail = format('「%s」的计划数量须为不小于0的数', pr.name);
    end if;
    amt := coalesce(amt, round(q * pr.unit_price, 2));
    if amt < 0 or amt >= 1e12 then
      raise exception 'the amount of % must be 0 or more', v_sku using errcode = '22023',
        detail = format('「%s」的计划金额须为不小于0的数', pr.name);
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

-- 4 grants --------------------------------------------------------------------------------------

revoke all on function private.ledger_dealer_rows(date, uuid) from public;
grant execute on function private.ledger_dealer_rows(date, uuid) to authenticated, service_role;

revoke all on function public.ledger_dealers(date, uuid), public.dealer_contracts(uuid),
  public.contract_detail(uuid), public.dealer_month_plan(uuid, date),
  public.set_sales_plans(uuid, text, jsonb, text, text)
  from public, anon;
grant execute on function public.ledger_dealers(date, uuid), public.dealer_contracts(uuid),
  public.contract_detail(uuid), public.dealer_month_plan(uuid, date),
  public.set_sales_plans(uuid, text, jsonb, text, text)
  to authenticated, service_role;
