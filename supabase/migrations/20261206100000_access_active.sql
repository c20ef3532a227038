-- Access holes found by an outside attack suite (issue 14), the classes of this migration:
-- 1 a deactivated user keeps nothing: one helper, private.active_user(), in a RESTRICTIVE policy
--   on every table with row level security (and every RPC refuses an inactive caller: 28000);
-- 2 TRUNCATE (and REFERENCES, TRIGGER) are not the API roles' to use, now or for later tables;
-- 3 staff-only functions refuse dealers (the RPC table of docs/access.md is the contract, and
--   tests/db/test_rpc_matrix.py reads it): a role test first, before arguments or state.

-- 1 active users only ----------------------------------------------------------------------------

-- True when the caller has a profile and it is active. security definer: it reads profiles
-- without recursing into profiles' own policies; it describes only the caller.
create or replace function private.active_user() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select from public.profiles p where p.id = (select auth.uid()) and p.active)
$$;
revoke all on function private.active_user() from public;
grant execute on function private.active_user() to authenticated;

-- The policy every table with row level security in public carries. RESTRICTIVE: it is ANDed
-- with the table's own (permissive) policies, so a deactivated user reads and writes nothing,
-- whatever those say. A migration that adds a table runs `select private.add_active_user_policies()`
-- after enabling row level security (tests/db/test_access_active.py fails until it does).
create or replace function private.add_active_user_policies() returns integer
language plpgsql set search_path = ''
as $$
declare
  t regclass;
  n integer := 0;
begin
  for t in
    select c.oid::regclass from pg_catalog.pg_class c
      join pg_catalog.pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
       and not exists (select from pg_catalog.pg_policy p
                        where p.polrelid = c.oid and p.polname = 'Only active users get in')
     order by c.relname
  loop
    execute format(
      'create policy "Only active users get in" on %s as restrictive for all to authenticated'
      ' using ((select private.active_user())) with check ((select private.active_user()))', t);
    n := n + 1;
  end loop;
  return n;
end
$$;
revoke all on function private.add_active_user_policies() from public;

select private.add_active_user_policies();

-- 2 no TRUNCATE, REFERENCES or TRIGGER for the API roles -------------------------------------------
-- TRUNCATE ignores row level security. Supabase revokes these from anon and authenticated; so do
-- we, on every table and, through the default privileges of the role that runs the migrations,
-- on every table it creates later.

revoke truncate, references, trigger on all tables in schema public from anon, authenticated;
revoke truncate, references, trigger on all tables in schema private from anon, authenticated;
alter default privileges in schema public
  revoke truncate, references, trigger on tables from anon, authenticated;

-- 3 staff-only functions ------------------------------------------------------------------------

-- The caller is signed in with an active profile (28000 otherwise) and is staff (42501).
create or replace function private.require_staff() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
  who uuid := private.require_caller();
begin
  if not (select private.is_staff()) then
    perform private.deny('only staff can do this', '只有内部员工可以使用此功能');
  end if;
  return who;
end
$$;

-- private.ledger_customer for the staff-only views of one dealer (its outlets, distribution,
-- contracts, month plan): the dealer itself reads only its ledger (dealer_ledger and its lines).
create or replace function private.staff_ledger_customer(p_customer_id uuid)
returns table (id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
language plpgsql stable set search_path = ''
as $$
begin
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  return query select * from private.ledger_customer(p_customer_id);
end
$$;

revoke all on function private.require_staff(), private.staff_ledger_customer(uuid) from public;
grant execute on function private.require_staff(), private.staff_ledger_customer(uuid)
  to authenticated, service_role;

-- The report rows (monthly_plan_actual, receivables_ageing, expenses_vs_budget) and the ledger's
-- dealer list (ledger_dealers) are staff's: a dealer no longer gets its own row.
-- The views of one dealer use staff_ledger_customer; the contract list and detail, and the
-- contract workflow, test the role first (a rep or a dealer used to reach a state error).
-- warning_message is stable now (it was immutable) since it asks who is calling.

CREATE OR REPLACE FUNCTION private.report_customers(p_area_code text)
 RETURNS TABLE(id uuid)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_area uuid;
begin
  if api then
    perform private.require_staff();
  end if;
  everyone := not api or (select private.is_manager());
  if p_area_code is not null then
    select a.id into v_area from public.areas a where a.code = p_area_code and a.deleted_at is null;
    if v_area is null then
      raise exception 'area % not found', p_area_code using errcode = 'P0002',
        detail = format('找不到区域「%s」', p_area_code);
    end if;
  end if;
  return query
  with recursive tree as (
    select v_area as id where v_area is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select c.id from public.customers c
   where c.deleted_at is null and (v_area is null or c.area_id in (select t.id from tree t))
     and (everyone or c.id in (select private.staff_customer_ids()));
end
$function$;

CREATE OR REPLACE FUNCTION private.ledger_dealer_rows(p_as_of date, p_customer_id uuid)
 RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION public.dealer_outlets(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today())
 RETURNS TABLE(customer_id uuid, code text, name text, tier smallint, parent_code text, status text, orders integer, order_amount numeric, purchases numeric, last_order_on date, last_visit_at timestamp with time zone, last_count_at timestamp with time zone, skus_in_stock integer, stock jsonb)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  with recursive chain as (
    select c.id from public.customers c where c.parent_id = cu.id and c.deleted_at is null
    union
    select c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), ord as (
    select o.customer_id, count(distinct o.id)::int as n,
           coalesce(sum(l.quantity * l.unit_price), 0) as amt, max(o.ordered_on) as last_on
      from public.orders o
      left join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from chain) and o.deleted_at is null
       and o.status <> 'cancelled'
       and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
     group by o.customer_id
  ), bought as (
    select s.customer_id, sum(s.amount) as amt from public.shipments s
     where s.customer_id in (select id from chain) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
     group by s.customer_id
  ), lastcount as (
    select distinct on (sc.customer_id, sc.product_id) sc.customer_id, sc.product_id,
           sc.quantity, sc.counted_at
      from public.stock_counts sc
     where sc.customer_id in (select id from chain) and sc.deleted_at is null
       and sc.counted_at < private.day_start(p_as_of + 1)
     order by sc.customer_id, sc.product_id, sc.counted_at desc
  ), st as (
    select lc.customer_id, max(lc.counted_at) as last_at,
           count(*) filter (where lc.quantity > 0)::int as skus,
           jsonb_object_agg(pr.sku, lc.quantity order by pr.sku) as stock
      from lastcount lc join public.products pr on pr.id = lc.product_id
     group by lc.customer_id
  ), vis as (
    select v.customer_id, max(v.checkin_at) as last_at from public.visits v
     where v.customer_id in (select id from chain) and v.deleted_at is null
       and v.status <> 'cancelled' and v.checkin_at < private.day_start(p_as_of + 1)
     group by v.customer_id
  )
  select c.id, c.code, c.name, c.tier, pa.code, c.status, coalesce(o.n, 0),
         coalesce(o.amt, 0), coalesce(b.amt, 0), o.last_on, v.last_at, st.last_at,
         coalesce(st.skus, 0), coalesce(st.stock, '{}'::jsonb)
    from public.customers c
    join chain ch on ch.id = c.id
    left join public.customers pa on pa.id = c.parent_id
    left join ord o on o.customer_id = c.id
    left join bought b on b.customer_id = c.id
    left join st on st.customer_id = c.id
    left join vis v on v.customer_id = c.id
   order by c.tier, c.code;
end
$function$;

CREATE OR REPLACE FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today())
 RETURNS TABLE(product_id uuid, sku text, product_name text, outlets integer, carrying integer, by_stock integer, by_orders integer, distribution_pct numeric)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select pr.id, pr.sku, pr.name, d.outlets, d.carrying, d.by_stock, d.by_orders,
         d.distribution_pct
    from private.distribution(p_as_of, p_days, array[cu.id]) d
    join public.products pr on pr.id = d.product_id
   order by d.carrying desc, pr.sku;
end
$function$;

CREATE OR REPLACE FUNCTION public.dealer_contracts(p_customer_id uuid)
 RETURNS TABLE(id uuid, contract_no text, version integer, status text, term_start date, term_end date, signed_on date, effective_on date, custodian_name text, updated_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  cu record;
begin
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select k.id, k.contract_no, k.version, k.status, k.term_start, k.term_end, k.signed_on,
         k.effective_on, p.full_name, k.updated_at
    from public.contracts k
    left join public.profiles p on p.id = k.custodian_id
   where k.customer_id = cu.id and k.deleted_at is null
   order by (k.status in ('expired', 'terminated')), k.version desc, k.created_at desc;
end
$function$;

CREATE OR REPLACE FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date)
 RETURNS TABLE(product_id uuid, sku text, name text, spec text, unit text, unit_price numeric, plan_quantity numeric, plan_amount numeric, schedule text, planned_support text, actual_quantity numeric, actual_amount numeric)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  cu record;
  m0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  select * into cu from private.staff_ledger_customer(p_customer_id);
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
$function$;

CREATE OR REPLACE FUNCTION public.contracts_needing_attention(p_as_of date DEFAULT private.company_today(), p_days integer DEFAULT NULL::integer)
 RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_id uuid, reason text, contract_id uuid, contract_no text, status text, term_end date, days_left integer, purchases_12m numeric)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  v_days integer;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  v_days := coalesce(p_days, (select (s.value #>> '{}')::int from public.settings s
                               where s.key = 'contract.expiring_days'), 60);
  if v_days < 0 or v_days > 3650 then
    raise exception 'p_days must be between 0 and 3650' using errcode = '22023',
      detail = '天数须在0到3650之间';
  end if;
  return query
  with buyers as (
    select s.customer_id, sum(s.amount) as amt from public.shipments s
     where s.seller_id is null and s.deleted_at is null
       and s.shipped_on > p_as_of - interval '1 year' and s.shipped_on <= p_as_of
     group by s.customer_id
  ), live as (
    select c.* from public.contracts c
     where c.status = 'effective' and c.deleted_at is null
       and coalesce(c.effective_on, c.term_start, p_as_of) <= p_as_of
       and (c.term_end is null or c.term_end >= p_as_of)
  )
  select cu.id, cu.code, cu.name, cu.area_id, 'no_contract'::text, null::uuid, null::text,
         null::text, null::date, null::integer, b.amt
    from buyers b join public.customers cu on cu.id = b.customer_id
   where cu.deleted_at is null and not exists (select from live l where l.customer_id = cu.id)
  union all
  select cu.id, cu.code, cu.name, cu.area_id, 'expiring', l.id, l.contract_no, l.status,
         l.term_end, l.term_end - p_as_of, coalesce(b.amt, 0)
    from live l join public.customers cu on cu.id = l.customer_id
    left join buyers b on b.customer_id = l.customer_id
   where l.term_end <= p_as_of + v_days
     and not exists (select from public.contracts n where n.customer_id = l.customer_id
                     and n.deleted_at is null and n.status in ('signed', 'effective')
                     and (n.term_end is null or n.term_end > l.term_end))
  order by 5 desc, 3;
end
$function$;

CREATE OR REPLACE FUNCTION public.contract_detail(p_contract_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  result jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
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
$function$;

CREATE OR REPLACE FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text DEFAULT NULL::text, p_date date DEFAULT NULL::date, p_place text DEFAULT NULL::text)
 RETURNS contracts
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  v_row public.contracts;
begin
  perform private.require_caller();
  if (select private.my_role()) not in ('manager', 'area_manager') then
    perform private.deny('only managers and area managers change contracts',
                         '只有销售经理和区域经理可以处理合同');
  end if;
  if p_status is null or p_status not in
      ('draft', 'in_review', 'signed', 'effective', 'expired', 'terminated') then
    raise exception 'p_status must be draft, in_review, signed, effective, expired or terminated'
      using errcode = '22023', detail = '状态只能是草稿、审核中、已签署、生效、已到期或已终止';
  end if;
  if length(coalesce(p_note, '')) > 2000 or length(coalesce(p_place, '')) > 200 then
    raise exception 'the note or place is too long' using errcode = '22023',
      detail = '说明不能超过2000字，地点不能超过200字';
  end if;
  v_row := private.contract_or_raise(p_contract_id);
  if not private.contract_step_allowed(v_row.status, p_status) then
    raise exception 'a contract cannot go from % to %', v_row.status, p_status
      using errcode = '55000', detail = format('合同不能从「%s」变为「%s」', v_row.status, p_status);
  end if;
  if p_status = 'signed' and (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager signs a contract', '只有销售经理可以签署合同');
  end if;
  if p_status = 'terminated' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'terminating a contract needs a note' using errcode = '22023',
      detail = '终止合同须填写原因';
  end if;
  perform set_config('fieldsales.contract_note', coalesce(btrim(p_note), ''), true);
  update public.contracts c
     set status = p_status,
         signed_on = case when p_status = 'signed' then coalesce(p_date, private.company_today())
                          else c.signed_on end,
         signed_place = case when p_status = 'signed' then coalesce(nullif(btrim(p_place), ''),
                               c.signed_place, c.delivery_place) else c.signed_place end,
         effective_on = case when p_status = 'effective'
                             then coalesce(p_date, greatest(c.signed_on, c.term_start), c.signed_on)
                             else c.effective_on end
   where c.id = p_contract_id
  returning * into v_row;
  if not found then
    perform private.deny('only a manager changes a contract', '只有销售经理可以处理合同');
  end if;
  perform set_config('fieldsales.contract_note', '', true);
  return v_row;
end
$function$;

CREATE OR REPLACE FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text DEFAULT 'zh'::text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
  f jsonb := coalesce(p_figures, '{}');
  zh boolean := coalesce(p_lang, 'zh') <> 'en';
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  return case p_kind
    when 'credit_over_limit' then case when zh
      then format('应收余额 %s 元，超过信用额度 %s 元%s', private.fmt_money(f -> 'balance'),
                  private.fmt_money(f -> 'credit_limit'),
                  coalesce('（' || private.fmt_pct(f -> 'ratio') || '）', ''))
      else format('Receivable balance %s CNY is over the credit limit of %s CNY%s',
                  private.fmt_money(f -> 'balance'), private.fmt_money(f -> 'credit_limit'),
                  coalesce(' (' || private.fmt_pct(f -> 'ratio') || ')', '')) end
    when 'behind_plan' then case when zh
      then format('%s 年至今进货 %s 元，仅完成同期计划 %s 元的 %s', f ->> 'year',
                  private.fmt_money(f -> 'purchases'), private.fmt_money(f -> 'plan_to_date'),
                  private.fmt_pct(f -> 'attainment'))
      else format('Purchases in %s to date are %s CNY, %s of the plan to date (%s CNY)',
                  f ->> 'year', private.fmt_money(f -> 'purchases'),
                  private.fmt_pct(f -> 'attainment'), private.fmt_money(f -> 'plan_to_date')) end
    when 'below_last_year' then case when zh
      then format('近 90 天进货 %s 元，仅为去年同期 %s 元的 %s',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_money(f -> 'last_year_90d'),
                  private.fmt_pct(f -> 'ratio'))
      else format('Purchases in the last 90 days are %s CNY, %s of the same 90 days last year (%s CNY)',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_pct(f -> 'ratio'),
                  private.fmt_money(f -> 'last_year_90d')) end
    when 'purchase_frequency_drop' then case when zh
      then format('已 %s 天未进货（上次 %s），此前通常每 %s 天进货一次', f ->> 'days_since',
                  f ->> 'last_purchase', f ->> 'median_gap_days')
      else format('No purchase for %s days (last on %s); before that the customer bought every %s days',
                  f ->> 'days_since', f ->> 'last_purchase', f ->> 'median_gap_days') end
    when 'churn' then case when zh
      then format('已 %s 天未进货（上次 %s），客户可能已流失', f ->> 'days_since', f ->> 'last_purchase')
      else format('No purchase for %s days (last on %s): the customer may have stopped buying',
                  f ->> 'days_since', f ->> 'last_purchase') end
    when 'expense_over_budget' then case when zh
      then format('%s 至 %s 的销售费用 %s 元，超出预算 %s 元', f ->> 'period_start', f ->> 'period_end',
                  private.fmt_money(f -> 'spent'), private.fmt_money(f -> 'budget'))
      else format('Sales expenses for %s to %s are %s CNY, over the budget of %s CNY',
                  f ->> 'period_start', f ->> 'period_end', private.fmt_money(f -> 'spent'),
                  private.fmt_money(f -> 'budget')) end
    when 'expense_rising' then case when zh
      then format('近 3 个月销售费用 %s 元，前 3 个月 %s 元', private.fmt_money(f -> 'expenses_3m'),
                  private.fmt_money(f -> 'previous_3m'))
      else format('Sales expenses in the last 3 months are %s CNY, against %s CNY in the 3 months before',
                  private.fmt_money(f -> 'expenses_3m'), private.fmt_money(f -> 'previous_3m')) end
    when 'major_incident' then case when zh
      then format('业务员报告重大变故（%s，%s）：%s',
                  case f ->> 'incident_kind' when 'theft' then '被盗' when 'accident' then '车祸'
                    when 'family_split' then '分家' when 'serious_illness' then '重病'
                    else '其他重大变故' end,
                  f ->> 'occurred_on', f ->> 'description')
      else format('Major incident reported (%s, %s): %s', replace(f ->> 'incident_kind', '_', ' '),
                  f ->> 'occurred_on', f ->> 'description') end
    else null
  end;
end
$function$;
