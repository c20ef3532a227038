-- One company clock (ARCHITECTURE rule 9): "today", weeks (Monday first), months and as-of dates
-- are the company's, in the time zone of the setting company.timezone (default Asia/Shanghai),
-- never the server session's TimeZone (UTC on Supabase) and never current_date.
-- Sections: 1 setting, 2 clock helpers, 3 functions that read the clock, 4 schedule.

-- 1 setting -------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('company.timezone', '"Asia/Shanghai"',
   'The company''s time zone: it defines today, weeks (Monday first), months and as-of dates')
on conflict (key) do nothing;

create or replace function private.check_company_timezone() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.key = 'company.timezone' and (jsonb_typeof(new.value) <> 'string'
      or not exists (select from pg_catalog.pg_timezone_names z where z.name = new.value #>> '{}')) then
    raise exception 'company.timezone must be a time zone name such as "Asia/Shanghai" (got %)',
      new.value using errcode = '22023', detail = '公司时区必须是时区名称，例如 "Asia/Shanghai"';
  end if;
  return new;
end
$$;
create trigger settings_company_timezone_check
  before insert or update on public.settings
  for each row when (new.key = 'company.timezone')
  execute function private.check_company_timezone();

-- 2 clock helpers ---------------------------------------------------------------------------------

-- The company's time zone name.
create or replace function private.company_tz() returns text
language sql stable security definer set search_path = ''
as $$
  select coalesce((select s.value #>> '{}' from public.settings s
                    where s.key = 'company.timezone' and s.deleted_at is null), 'Asia/Shanghai')
$$;

-- The instant the company's calendar is read at: now(), unless the session (a test, or a demo
-- started with a frozen clock) sets fieldsales.now to a timestamp with a zone. Only "today"
-- reads it; row timestamps (created_at, checkin_at …) are always the real now().
create or replace function private.company_now() returns timestamptz
language sql stable set search_path = ''
as $$
  select coalesce(nullif(current_setting('fieldsales.now', true), '')::timestamptz, now())
$$;

-- The company's today: the only place the server turns an instant into a calendar day.
create or replace function private.company_today() returns date
language sql stable set search_path = ''
as $$
  select (private.company_now() at time zone private.company_tz())::date
$$;

-- The instant a company calendar day starts (for comparing timestamps with days).
create or replace function private.day_start(p_day date) returns timestamptz
language sql stable set search_path = ''
as $$
  select p_day::timestamp at time zone private.company_tz()
$$;

revoke all on function private.check_company_timezone(), private.company_tz(),
  private.company_now(), private.company_today(), private.day_start(date) from public;
grant execute on function private.company_tz(), private.company_now(), private.company_today(),
  private.day_start(date) to authenticated, service_role;

-- 3 functions that read the clock (restated from earlier migrations with the company clock) ------

create or replace function private.sync_reevaluate(p_customer_ids uuid[])
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  visible uuid[];
begin
  select array_agg(i) into visible from unnest(p_customer_ids) i
   where i in (select private.staff_customer_ids());
  if visible is not null then
    perform private.evaluate_warnings_core(visible, private.company_today());
  end if;
end
$function$;

create or replace function public.advance_contract(p_contract_id uuid, p_status text, p_note text DEFAULT NULL::text, p_date date DEFAULT NULL::date, p_place text DEFAULT NULL::text)
 RETURNS contracts
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  v_row public.contracts;
begin
  perform private.require_caller();
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

create or replace function public.expire_contracts(p_as_of date DEFAULT private.company_today())
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  n integer;
begin
  if current_user = 'authenticated' and not (select private.is_manager()) then
    perform private.deny('only a manager expires contracts', '只有销售经理可以处理合同到期');
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  perform set_config('fieldsales.contract_note', 'term ended', true);
  update public.contracts set status = 'expired'
   where status = 'effective' and term_end < p_as_of and deleted_at is null;
  get diagnostics n = row_count;
  perform set_config('fieldsales.contract_note', '', true);
  return n;
end
$function$;

create or replace function public.contracts_needing_attention(p_as_of date DEFAULT private.company_today(), p_days integer DEFAULT NULL::integer)
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
    perform private.require_caller();
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

create or replace function public.dealer_outlets(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today())
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
  select * into cu from private.ledger_customer(p_customer_id);
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

create or replace function public.dealer_distribution(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today())
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
  select * into cu from private.ledger_customer(p_customer_id);
  return query
  with recursive chain as (
    select c.id from public.customers c
     where c.parent_id = cu.id and c.deleted_at is null
    union
    select c.id from public.customers c join chain ch on c.parent_id = ch.id
     where c.deleted_at is null
  ), active as (
    select c.id from public.customers c join chain ch on ch.id = c.id
     where c.status in ('active', 'suspended')
  ), seen as (
    select sc.customer_id, sc.product_id, 's'::text as via from public.stock_counts sc
     where sc.customer_id in (select id from active) and sc.deleted_at is null
       and sc.quantity > 0 and sc.counted_at >= private.day_start(p_as_of - p_days + 1) and sc.counted_at < private.day_start(p_as_of + 1)
    union
    select o.customer_id, l.product_id, 'o' from public.orders o
      join public.order_lines l on l.order_id = o.id and l.deleted_at is null
     where o.customer_id in (select id from active) and o.deleted_at is null
       and o.status <> 'cancelled' and o.ordered_on > p_as_of - p_days and o.ordered_on <= p_as_of
    union
    select s.customer_id, s.product_id, 'o' from public.shipments s
     where s.customer_id in (select id from active) and s.deleted_at is null
       and s.shipped_on > p_as_of - p_days and s.shipped_on <= p_as_of
  ), total as (select count(*)::int as n from active)
  select pr.id, pr.sku, pr.name, t.n,
         count(distinct se.customer_id)::int,
         count(distinct se.customer_id) filter (where se.via = 's')::int,
         count(distinct se.customer_id) filter (where se.via = 'o')::int,
         round(100.0 * count(distinct se.customer_id) / nullif(t.n, 0), 1)
    from public.products pr
    cross join total t
    left join seen se on se.product_id = pr.id
   where pr.deleted_at is null and (pr.active or se.customer_id is not null)
   group by pr.id, pr.sku, pr.name, t.n
   order by 5 desc, pr.sku;
end
$function$;

create or replace function public.todays_route(p_day date DEFAULT NULL::date)
 RETURNS TABLE(plan_id uuid, stop_id uuid, visit_date date, seq integer, customer_id uuid, customer_code text, customer_name text, address text, lat double precision, lng double precision, grade character)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  who uuid := private.require_caller();
  day date := coalesce(p_day, private.company_today());
begin
  return query
    select s.plan_id, s.id, s.visit_date, s.seq, s.customer_id, c.code, c.name, c.address,
           c.lat, c.lng, c.grade
    from public.visit_plan_stops s
    join public.visit_plans p on p.id = s.plan_id
    left join public.customers c on c.id = s.customer_id
    where p.rep_id = who and p.status = 'approved' and p.deleted_at is null
      and s.deleted_at is null and s.visit_date = day
    order by s.seq, p.decided_at, s.id;
end
$function$;

create or replace function public.plan_vs_actual(p_week_start date, p_rep_id uuid DEFAULT NULL::uuid)
 RETURNS TABLE(rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text, week_start date, plan_status text, planned integer, done integer, missed integer, pending integer, unplanned integer, offsite integer, visits integer, timed_visits integer, avg_duration_min numeric)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  service boolean := current_user not in ('authenticated', 'anon');
  who uuid;
  tz text := private.company_tz();
  today date := private.company_today();
  week_from timestamptz;
  week_to timestamptz;
begin
  if not service then
    who := private.require_caller();
    if not (select private.is_staff()) then
      perform private.deny('only staff see plan versus actual', '只有内部员工可以查看计划执行情况');
    end if;
  end if;
  if p_week_start is null then
    raise exception 'p_week_start is required' using errcode = '22023', detail = '缺少周次（周一日期）';
  end if;
  if extract(isodow from p_week_start) <> 1 then
    raise exception 'p_week_start must be a Monday (% is not)', p_week_start
      using errcode = '22023', detail = format('周次必须是周一的日期（%s 不是周一）', p_week_start);
  end if;
  if p_rep_id is not null and not exists (
      select from public.profiles p
      where p.id = p_rep_id and p.role = 'rep'
        and (service or p.id = who or p.id in (select private.managed_rep_ids()))) then
    raise exception 'rep % not found', p_rep_id using errcode = 'P0002', detail = '找不到该业务员';
  end if;
  week_from := p_week_start::timestamp at time zone tz;
  week_to := (p_week_start + 7)::timestamp at time zone tz;
  return query
    with reps as (
      select p.id, p.full_name, p.area_id, p.active from public.profiles p
      where p.role = 'rep' and (p_rep_id is null or p.id = p_rep_id)
        and (service or p.id = who or p.id in (select private.managed_rep_ids()))
    ),
    plans as (
      select vp.id, vp.rep_id, vp.status, vp.updated_at from public.visit_plans vp
      where vp.week_start = p_week_start and vp.deleted_at is null
        and vp.rep_id in (select r.id from reps r)
    ),
    stops as (
      select s.id, pl.rep_id, s.customer_id, s.visit_date from public.visit_plan_stops s
      join plans pl on pl.id = s.plan_id
      where pl.status = 'approved' and s.deleted_at is null
    ),
    wv as (
      select v.id, v.rep_id, v.customer_id, v.status, v.offsite, v.checkin_at, v.checkout_at,
             (v.checkin_at at time zone tz)::date as day
      from public.visits v
      where v.rep_id in (select r.id from reps r) and v.deleted_at is null
        and v.status <> 'cancelled' and v.checkin_at >= week_from and v.checkin_at < week_to
    ),
    -- matched by hash joins on (rep, customer, day), never by a scan per row
    done_days as (
      select distinct wv.rep_id, wv.customer_id, wv.day from wv where wv.status = 'done'
    ),
    stop_days as (
      select distinct st.rep_id, st.customer_id, st.visit_date from stops st
    ),
    per_stop as (
      select st.rep_id, count(*)::integer as planned,
             (count(dd.day))::integer as done,
             (count(*) filter (where dd.day is null and st.visit_date < today))::integer as missed,
             (count(*) filter (where dd.day is null and st.visit_date >= today))::integer as pending
      from stops st
      left join done_days dd on dd.rep_id = st.rep_id and dd.customer_id = st.customer_id
                            and dd.day = st.visit_date
      group by st.rep_id
    ),
    per_visit as (
      select wv.rep_id,
             (count(*) filter (where sd.visit_date is null))::integer as unplanned,
             (count(*) filter (where wv.offsite))::integer as offsite,
             count(*)::integer as visits,
             (count(*) filter (where wv.status = 'done' and wv.checkout_at is not null))::integer
               as timed_visits,
             round(avg(extract(epoch from wv.checkout_at - wv.checkin_at) / 60)
                   filter (where wv.status = 'done' and wv.checkout_at is not null), 1)
               as avg_duration_min
      from wv
      left join stop_days sd on sd.rep_id = wv.rep_id and sd.customer_id = wv.customer_id
                            and sd.visit_date = wv.day
      group by wv.rep_id
    ),
    plan_status as (
      select pl.rep_id,
             (array_agg(pl.status order by pl.status = 'approved' desc, pl.updated_at desc))[1]
               as status
      from plans pl group by pl.rep_id
    )
    select r.id, r.full_name, r.area_id, a.code, a.name, p_week_start, ps.status,
           coalesce(s.planned, 0), coalesce(s.done, 0), coalesce(s.missed, 0),
           coalesce(s.pending, 0), coalesce(v.unplanned, 0), coalesce(v.offsite, 0),
           coalesce(v.visits, 0), coalesce(v.timed_visits, 0), v.avg_duration_min
    from reps r
    left join public.areas a on a.id = r.area_id
    left join per_stop s on s.rep_id = r.id
    left join per_visit v on v.rep_id = r.id
    left join plan_status ps on ps.rep_id = r.id
    where r.active or ps.status is not null or v.visits is not null
    order by a.code nulls last, r.full_name, r.id;
end
$function$;

create or replace function public.ledger_dealers(p_as_of date DEFAULT private.company_today(), p_customer_id uuid DEFAULT NULL::uuid)
 RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_code text, area_name text, status text, grade text, credit_limit numeric, balance numeric, over_limit numeric, month_plan numeric, month_purchases numeric, ytd_plan numeric, ytd_purchases numeric, ytd_progress_pct numeric, last_year_ytd numeric, contract_id uuid, contract_no text, contract_status text, contract_term_end date)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  return query select * from private.ledger_dealer_rows(p_as_of, p_customer_id);
end
$function$;

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

-- 4 schedule ------------------------------------------------------------------------------------
-- Where pg_cron exists (Supabase), the nightly jobs evaluate as of the company's today.

do $$
begin
  if exists (select from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('fieldsales-evaluate-warnings', '0 18 * * *',
      $job$select count(*) from public.evaluate_warnings(private.company_today())$job$)$cron$;
    execute $cron$select cron.schedule('fieldsales-classify-customers', '30 18 1 * *',
      $job$select public.classify_customers(private.company_today())$job$)$cron$;
  end if;
end
$$;
