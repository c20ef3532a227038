-- Risk early warnings (预警管理), evaluation scores, and customer quadrants and grades (客户分类).
-- Sections: 1 settings, 2 tables and columns, 3 indexes, 4 evaluation scores, 5 messages,
-- 6 warning evaluation, 7 classification, 8 API functions and grants, 9 schedule.
-- The exact definitions are in docs/warnings.md; the pandas twin is backend/risk/rules.py.
-- Plain PostgreSQL 15+ with plpgsql only.

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('warning.major_incident.days', '90', 'major_incident: a major incident stays a warning for this many days after it occurred'),
  ('classification.loyalty_weights', '{"punctuality": 30, "plan": 25, "tenure": 15, "exclusive": 15, "conduct": 15}', 'Loyalty: weights of the measurable signals'),
  ('classification.evaluation_blend', '0.3', 'Loyalty: share of the latest evaluation (credit, relationship, enthusiasm) in the score'),
  ('classification.volume_grade_cutoffs', '{"A": 0.8, "B": 0.5, "C": 0.2}', 'Grade without an evaluation: volume percent rank in area and tier at or above which a grade is given')
on conflict (key) do nothing;

-- 2 tables and columns --------------------------------------------------------------------------

-- Thresholds per customer grade or per customer; the most specific wins
-- (customer, then grade, then the settings table).
create table public.warning_thresholds (
  id uuid primary key default gen_random_uuid(),
  setting_key text not null check (setting_key in (
    'warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
    'warning.below_last_year.min_amount', 'warning.frequency_drop.factor', 'warning.churn.days',
    'warning.expense_rising.tolerance', 'warning.expense_rising.min_amount',
    'warning.credit.high_ratio', 'warning.major_incident.days')),
  grade char(1) check (grade in ('A', 'B', 'C', 'D')),
  customer_id uuid references public.customers (id) on delete cascade,
  value numeric not null check (value >= 0),
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((grade is null) <> (customer_id is null)),
  check (setting_key not like '%.days' or (value = trunc(value) and value between 1 and 3650)),
  check (setting_key not like '%.tolerance' or value <= 1)
);
create unique index warning_thresholds_grade_key_idx
  on public.warning_thresholds (grade, setting_key) where grade is not null;
create unique index warning_thresholds_customer_key_idx
  on public.warning_thresholds (customer_id, setting_key) where customer_id is not null;

-- Conduct flags that lower loyalty: cross-territory selling (窜货) and price dumping (砸价).
create table public.customer_conduct_flags (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  kind text not null check (kind in ('cross_territory', 'dumping')),
  flagged_on date not null,
  reported_by uuid references public.profiles (id),
  note text check (length(note) <= 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index customer_conduct_flags_customer_day_idx
  on public.customer_conduct_flags (customer_id, flagged_on);
create index customer_conduct_flags_reported_by_idx on public.customer_conduct_flags (reported_by);

create trigger warning_thresholds_touch_updated_at before update on public.warning_thresholds
  for each row execute function private.touch_updated_at();
create trigger customer_conduct_flags_touch_updated_at before update on public.customer_conduct_flags
  for each row execute function private.touch_updated_at();

alter table public.warning_thresholds enable row level security;
alter table public.customer_conduct_flags enable row level security;

-- When the evaluator last saw the warning's condition not holding. A warning the evaluator
-- resolves gets it at once; one a person resolved while the condition still held keeps it null,
-- and its cause is not raised again until the condition has cleared once.
alter table public.warnings add column cleared_at timestamptz;
update public.warnings set cleared_at = resolved_at where status = 'resolved';

-- Purchases per customer and day, kept by statement-level triggers on shipments so that an
-- evaluation reads ~450,000 day rows instead of ~1,000,000 shipment lines, in integer cents.
-- Not exposed to the API; private.rebuild_purchase_days() recomputes it from shipments.
create table private.purchase_days (
  customer_id uuid not null,
  day date not null,
  cents bigint not null,         -- live lines' amounts
  billed_cents bigint not null,  -- of which sold by the manufacturer (seller_id is null)
  lines integer not null,
  primary key (customer_id, day)
);
create index purchase_days_empty_idx on private.purchase_days (customer_id) where lines <= 0;
create index purchase_days_day_idx on private.purchase_days (day) include (customer_id, cents);
alter table private.purchase_days enable row level security;

-- Per customer: the last purchase day, the purchase days in the 12 months up to it and the
-- median gap between them (the purchase_frequency_drop rhythm), refreshed with purchase_days.
create table private.purchase_stats (
  customer_id uuid primary key,
  billed_cents bigint not null,  -- every live purchase sold by the manufacturer
  last_day date not null,
  purchases integer not null,    -- purchase days in the 12 months up to last_day
  median_gap numeric             -- median gap between them, in days
);
alter table private.purchase_stats enable row level security;

create or replace function private.refresh_purchase_stats(p_customer_ids uuid[]) returns void
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set jit = off
as $$
begin
  delete from private.purchase_stats st
   where (p_customer_ids is null or st.customer_id = any(p_customer_ids))
     and not exists (select from private.purchase_days p where p.customer_id = st.customer_id);
  insert into private.purchase_stats as st
         (customer_id, billed_cents, last_day, purchases, median_gap)
  select d.customer_id, sum(d.billed_cents), max(d.day),
         count(*) filter (where d.day - d.gap > d.lb) + 1,
         (percentile_cont(0.5) within group (order by d.gap)
            filter (where d.day - d.gap > d.lb))::numeric
    from (select p.customer_id, p.day, p.billed_cents,
                 p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
                 (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
            from private.purchase_days p
           where p_customer_ids is null or p.customer_id = any(p_customer_ids)) d
   group by d.customer_id
  on conflict (customer_id) do update
     set billed_cents = excluded.billed_cents, last_day = excluded.last_day,
         purchases = excluded.purchases, median_gap = excluded.median_gap
   where (st.billed_cents, st.last_day, st.purchases, st.median_gap)
         is distinct from (excluded.billed_cents, excluded.last_day, excluded.purchases,
                           excluded.median_gap);
end
$$;

create or replace function private.purchase_days_apply() returns trigger
language plpgsql
security definer
set search_path = ''
set jit = off
as $$
declare
  v_ids uuid[];
begin
  if tg_op = 'INSERT' then
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from new_rows n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) into v_ids from ins;
  elsif tg_op = 'DELETE' then
    with upd as (
      update private.purchase_days p
         set cents = p.cents - d.cents, billed_cents = p.billed_cents - d.billed_cents,
             lines = p.lines - d.lines
        from (select o.customer_id, o.shipped_on as day, sum((o.amount * 100)::bigint) as cents,
                     coalesce(sum((o.amount * 100)::bigint) filter (where o.seller_id is null), 0)
                       as billed_cents,
                     count(*) as lines
                from old_rows o
               where o.deleted_at is null
               group by o.customer_id, o.shipped_on) d
       where p.customer_id = d.customer_id and p.day = d.day
      returning p.customer_id
    )
    select array_agg(distinct upd.customer_id) into v_ids from upd;
  else
    -- rows whose buyer, day, amount, seller kind and liveness did not change cancel out
    with same as (
      select o.id
        from old_rows o
        join new_rows n on n.id = o.id
       where n.customer_id = o.customer_id and n.shipped_on = o.shipped_on
         and n.amount = o.amount and (n.seller_id is null) = (o.seller_id is null)
         and (n.deleted_at is null) = (o.deleted_at is null)
    ),
    delta as (
      select x.customer_id, x.day, sum(x.cents) as cents, sum(x.billed_cents) as billed_cents,
             sum(x.lines)::integer as lines
        from (
          select o.customer_id, o.shipped_on as day, -(o.amount * 100)::bigint as cents,
                 case when o.seller_id is null then -(o.amount * 100)::bigint else 0 end
                   as billed_cents,
                 -1 as lines
            from old_rows o
           where o.deleted_at is null and o.id not in (select same.id from same)
          union all
          select n.customer_id, n.shipped_on, (n.amount * 100)::bigint,
                 case when n.seller_id is null then (n.amount * 100)::bigint else 0 end, 1
            from new_rows n
           where n.deleted_at is null and n.id not in (select same.id from same)
        ) x
       group by x.customer_id, x.day
    ),
    ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select d.customer_id, d.day, d.cents, d.billed_cents, d.lines from delta d
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) into v_ids from ins;
  end if;
  if v_ids is not null then
    delete from private.purchase_days p where p.lines <= 0;
    perform private.refresh_purchase_stats(v_ids);
  end if;
  return null;
end
$$;

create or replace function private.purchase_days_truncate() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  truncate private.purchase_days, private.purchase_stats;
  return null;
end
$$;

create or replace function private.rebuild_purchase_days() returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  n bigint;
begin
  lock table public.shipments in share mode;
  truncate private.purchase_days, private.purchase_stats;
  insert into private.purchase_days (customer_id, day, cents, billed_cents, lines)
  select s.customer_id, s.shipped_on, sum((s.amount * 100)::bigint),
         coalesce(sum((s.amount * 100)::bigint) filter (where s.seller_id is null), 0), count(*)
    from public.shipments s
   where s.deleted_at is null
   group by s.customer_id, s.shipped_on;
  get diagnostics n = row_count;
  perform private.refresh_purchase_stats(null);
  return n;
end
$$;

create trigger shipments_purchase_days_insert after insert on public.shipments
  referencing new table as new_rows
  for each statement execute function private.purchase_days_apply();
create trigger shipments_purchase_days_update after update on public.shipments
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.purchase_days_apply();
create trigger shipments_purchase_days_delete after delete on public.shipments
  referencing old table as old_rows
  for each statement execute function private.purchase_days_apply();
create trigger shipments_purchase_days_truncate after truncate on public.shipments
  for each statement execute function private.purchase_days_truncate();

select private.rebuild_purchase_days();

-- 3 indexes -------------------------------------------------------------------------------------
-- Covering, partial indexes: the evaluation reads only live rows and only these columns, so a
-- re-evaluation of a few customers is index-only (see docs/warnings.md for the plans).

create index payments_live_idx on public.payments (customer_id, paid_on)
  include (amount) where deleted_at is null;
create index expenses_live_idx on public.expenses (customer_id, spent_on)
  include (amount) where deleted_at is null;
create index sales_plans_live_idx on public.sales_plans (customer_id, month)
  include (amount) where deleted_at is null;
create index warnings_suppressed_idx on public.warnings (customer_id, kind, cause_key)
  where status = 'resolved' and cleared_at is null;

-- 4 evaluation scores ---------------------------------------------------------------------------
-- score = sum(weight x indicator) / (5 x sum(weight)) x 100, one decimal; grade by the cut-offs.

create or replace function private.evaluation_score() returns trigger
language plpgsql
security definer  -- reads the weights whoever writes (row level security then decides the write)
set search_path = ''
as $$
declare
  w jsonb := (select s.value from public.settings s where s.key = 'evaluation.weights');
  cut jsonb := (select s.value from public.settings s where s.key = 'evaluation.grade_cutoffs');
  total numeric;
begin
  total := coalesce((w ->> 'enthusiasm')::numeric, 0) + coalesce((w ->> 'flexibility')::numeric, 0)
    + coalesce((w ->> 'distribution_capacity')::numeric, 0) + coalesce((w ->> 'capital_strength')::numeric, 0)
    + coalesce((w ->> 'hot_brands')::numeric, 0) + coalesce((w ->> 'logistics')::numeric, 0)
    + coalesce((w ->> 'credit')::numeric, 0) + coalesce((w ->> 'social_relations')::numeric, 0)
    + coalesce((w ->> 'sales_management')::numeric, 0) + coalesce((w ->> 'network')::numeric, 0)
    + coalesce((w ->> 'promotion_ability')::numeric, 0) + coalesce((w ->> 'after_sales')::numeric, 0)
    + coalesce((w ->> 'relationship')::numeric, 0);
  if total is null or total <= 0 then
    raise exception 'the setting evaluation.weights must have positive weights'
      using errcode = '22023', detail = '评价权重设置无效';
  end if;
  new.score := round((
      coalesce((w ->> 'enthusiasm')::numeric, 0) * new.enthusiasm
    + coalesce((w ->> 'flexibility')::numeric, 0) * new.flexibility
    + coalesce((w ->> 'distribution_capacity')::numeric, 0) * new.distribution_capacity
    + coalesce((w ->> 'capital_strength')::numeric, 0) * new.capital_strength
    + coalesce((w ->> 'hot_brands')::numeric, 0) * new.hot_brands
    + coalesce((w ->> 'logistics')::numeric, 0) * new.logistics
    + coalesce((w ->> 'credit')::numeric, 0) * new.credit
    + coalesce((w ->> 'social_relations')::numeric, 0) * new.social_relations
    + coalesce((w ->> 'sales_management')::numeric, 0) * new.sales_management
    + coalesce((w ->> 'network')::numeric, 0) * new.network
    + coalesce((w ->> 'promotion_ability')::numeric, 0) * new.promotion_ability
    + coalesce((w ->> 'after_sales')::numeric, 0) * new.after_sales
    + coalesce((w ->> 'relationship')::numeric, 0) * new.relationship
  ) / (5 * total) * 100, 1);
  new.grade := case
    when new.score >= coalesce((cut ->> 'A')::numeric, 85) then 'A'
    when new.score >= coalesce((cut ->> 'B')::numeric, 70) then 'B'
    when new.score >= coalesce((cut ->> 'C')::numeric, 55) then 'C'
    else 'D' end;
  return new;
end
$$;

create trigger evaluations_score
  before insert or update on public.evaluations
  for each row execute function private.evaluation_score();

update public.evaluations set score = null;  -- the trigger fills score and grade

-- 5 messages ------------------------------------------------------------------------------------
-- One sentence per warning, in Chinese ('zh') or English ('en'), from its kind and figures.

create or replace function private.fmt_money(x jsonb) returns text
language sql immutable
set search_path = ''
as $$
  select to_char((x #>> '{}')::numeric, 'FM999,999,999,999,990.00')
$$;

create or replace function private.fmt_pct(x jsonb) returns text
language sql immutable
set search_path = ''
as $$
  select to_char((x #>> '{}')::numeric * 100, 'FM999,999,990.0') || '%'
$$;

create or replace function public.warning_message(p_kind text, p_figures jsonb, p_lang text default 'zh')
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_figures, '{}');
  zh boolean := coalesce(p_lang, 'zh') <> 'en';
begin
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
$$;

-- 6 warning evaluation --------------------------------------------------------------------------
-- Two statements. The first evaluates every rule for the customers in scope (all of them when
-- p_customer_ids is null) in one set-based query and collects the conditions that hold; the
-- second raises, updates and clears warnings against them. Passing the conditions as an array
-- gives the second statement exact row counts (CTE joins are estimated in the millions).
-- plan_cache_mode = force_custom_plan folds `v_all or x = any(v_ids)` to one side at plan time,
-- so a full run scans while a re-evaluation of a few customers uses the indexes.

create type private.warning_condition as (
  customer_id uuid,
  owner_id uuid,
  kind text,
  cause_key text,
  severity text,
  figures jsonb
);

create or replace function private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date)
returns table (action text, warning_id uuid, customer_id uuid, kind text, cause_key text,
               severity text, status text, figures jsonb, resolution text)
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set jit = off
set work_mem = '64MB'
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_d date := p_as_of;
  v_year text;
  v_y0 date;
  v_m0 date;
  v_dom integer;
  v_dim integer;
  v_ly date;
  v_3m date;
  v_6m date;
  v_def jsonb;
  v_missing text;
  v_cond private.warning_condition[];
  -- the settings' thresholds (overrides per grade or customer are applied per row)
  v_behind_t numeric;
  v_bly_t numeric;
  v_bly_min numeric;
  v_freq_f numeric;
  v_churn_n numeric;
  v_exp_t numeric;
  v_exp_min numeric;
  v_credit_high numeric;
  v_incident_n numeric;
begin
  if p_as_of is null then
    raise exception 'as_of is required: the date to evaluate the warnings as of'
      using errcode = '22004', detail = '必须指定评估日期（as_of）';
  end if;
  if not v_all then
    if array_position(p_customer_ids, null) is not null then
      raise exception 'customer ids must not contain null'
        using errcode = '22004', detail = '客户编号列表中不能有空值';
    end if;
    select string_agg(u.id::text, ', ') into v_missing
      from unnest(p_customer_ids) as u(id)
     where not exists (select from public.customers c where c.id = u.id);
    if v_missing is not null then
      raise exception 'unknown customer id(s): %', v_missing
        using errcode = 'P0002', detail = '客户不存在：' || v_missing;
    end if;
    if cardinality(p_customer_ids) = 0 then
      return;
    end if;
  end if;
  select jsonb_object_agg(s.key, (s.value #>> '{}')::numeric) into v_def
    from public.settings s
   where s.key in ('warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
                   'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
                   'warning.churn.days', 'warning.expense_rising.tolerance',
                   'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
                   'warning.major_incident.days');
  if v_def is null or (select count(*) from jsonb_object_keys(v_def)) < 9 then
    raise exception 'a warning.* setting is missing from public.settings'
      using errcode = '22023', detail = '预警阈值设置不完整';
  end if;
  v_behind_t := v_def ->> 'warning.behind_plan.tolerance';
  v_bly_t := v_def ->> 'warning.below_last_year.tolerance';
  v_bly_min := v_def ->> 'warning.below_last_year.min_amount';
  v_freq_f := v_def ->> 'warning.frequency_drop.factor';
  v_churn_n := v_def ->> 'warning.churn.days';
  v_exp_t := v_def ->> 'warning.expense_rising.tolerance';
  v_exp_min := v_def ->> 'warning.expense_rising.min_amount';
  v_credit_high := v_def ->> 'warning.credit.high_ratio';
  v_incident_n := v_def ->> 'warning.major_incident.days';

  v_year := extract(year from v_d)::int::text;
  v_y0 := make_date(extract(year from v_d)::int, 1, 1);
  v_m0 := make_date(extract(year from v_d)::int, extract(month from v_d)::int, 1);
  v_dom := extract(day from v_d)::int;
  v_dim := (v_m0 + interval '1 month')::date - v_m0;
  v_ly := (v_d - interval '1 year')::date;
  v_3m := (v_d - interval '3 months')::date;
  v_6m := (v_d - interval '6 months')::date;

  -- evaluations never interleave: the partial unique index would make the loser fail
  perform pg_advisory_xact_lock(727003);

  -- 1: the conditions that hold as of D ---------------------------------------------------------
  with
  ovr as (
    select o.grade, o.customer_id,
      max(o.value) filter (where o.setting_key = 'warning.behind_plan.tolerance') as behind_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.tolerance') as bly_t,
      max(o.value) filter (where o.setting_key = 'warning.below_last_year.min_amount') as bly_min,
      max(o.value) filter (where o.setting_key = 'warning.frequency_drop.factor') as freq_f,
      max(o.value) filter (where o.setting_key = 'warning.churn.days') as churn_n,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.tolerance') as exp_t,
      max(o.value) filter (where o.setting_key = 'warning.expense_rising.min_amount') as exp_min,
      max(o.value) filter (where o.setting_key = 'warning.credit.high_ratio') as credit_high,
      max(o.value) filter (where o.setting_key = 'warning.major_incident.days') as incident_n
      from public.warning_thresholds o
     group by o.grade, o.customer_id
  ),
  -- active customers in scope with their thresholds: customer override, grade override, setting
  th as (
    select c.id as customer_id, c.credit_limit, c.owner_id,
      coalesce(oc.behind_t, og.behind_t, v_behind_t) as behind_t,
      coalesce(oc.bly_t, og.bly_t, v_bly_t) as bly_t,
      coalesce(oc.bly_min, og.bly_min, v_bly_min) as bly_min,
      coalesce(oc.freq_f, og.freq_f, v_freq_f) as freq_f,
      coalesce(oc.churn_n, og.churn_n, v_churn_n)::integer as churn_n,
      coalesce(oc.exp_t, og.exp_t, v_exp_t) as exp_t,
      coalesce(oc.exp_min, og.exp_min, v_exp_min) as exp_min,
      coalesce(oc.credit_high, og.credit_high, v_credit_high) as credit_high,
      coalesce(oc.incident_n, og.incident_n, v_incident_n)::integer as incident_n
      from public.customers c
      left join ovr og on og.customer_id is null and og.grade = c.grade
      left join ovr oc on oc.customer_id = c.id
     where c.deleted_at is null and c.status <> 'eliminated' and (v_all or c.id = any(v_ids))
  ),
  -- purchases: live shipments where the customer is the buyer, summed per day in
  -- private.purchase_days (integer cents). What does not depend on D — the billed total, the
  -- last purchase and the rhythm before it (purchase days in the 12 months up to it, median
  -- gap) — is kept per customer in private.purchase_stats; only customers who bought after D
  -- are recomputed from their days up to D.
  stale_days as (
    select p.customer_id, p.day, p.billed_cents,
           p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
           (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
      from private.purchase_days p
     where p.day <= v_d
       and p.customer_id in (select st.customer_id from private.purchase_stats st
                              where st.last_day > v_d and (v_all or st.customer_id = any(v_ids)))
  ),
  buy as (
    select st.customer_id, st.billed_cents, st.last_day, st.purchases, st.median_gap
      from private.purchase_stats st
     where st.last_day <= v_d and (v_all or st.customer_id = any(v_ids))
    union all
    select d.customer_id, sum(d.billed_cents), max(d.day),
           count(*) filter (where d.day - d.gap > d.lb) + 1,
           (percentile_cont(0.5) within group (order by d.gap)
              filter (where d.day - d.gap > d.lb))::numeric
      from stale_days d
     group by d.customer_id
  ),
  -- the two 90-day windows read only their own days
  win as (
    select w.customer_id, coalesce(sum(w.cents) filter (where w.recent), 0) as r90_c,
           coalesce(sum(w.cents) filter (where not w.recent), 0) as p90_c
      from (select p.customer_id, p.cents, true as recent
              from private.purchase_days p
             where p.day > v_d - 90 and p.day <= v_d and (v_all or p.customer_id = any(v_ids))
            union all
            select p.customer_id, p.cents, false
              from private.purchase_days p
             where p.day > v_ly - 90 and p.day <= v_ly and (v_all or p.customer_id = any(v_ids))) w
     group by w.customer_id
  ),
  pay as (
    select p.customer_id, sum(p.amount) as paid
      from public.payments p
     where p.deleted_at is null and p.paid_on <= v_d and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ),
  ret as (
    select r.customer_id, sum(r.amount) as credited
      from public.returns r
     where r.deleted_at is null and r.status in ('accepted', 'completed')
       and r.kind in ('return', 'credit_note') and r.decided_on <= v_d
       and (v_all or r.customer_id = any(v_ids))
     group by r.customer_id
  ),
  -- the plan to date times the days of this month (exact: no division before comparing)
  plan as (
    select p.customer_id,
           coalesce(sum(p.amount) filter (where p.month < v_m0), 0) * v_dim
           + coalesce(sum(p.amount) filter (where p.month = v_m0), 0) * v_dom as plan_x_dim
      from public.sales_plans p
     where p.deleted_at is null and p.month >= v_y0 and p.month <= v_m0
       and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id
  ),
  -- purchases since 1 January: needed only where there is a plan to compare with
  ytd as (
    select p.customer_id, sum(p.cents) as ytd_c
      from plan pl
      join private.purchase_days p on p.customer_id = pl.customer_id
     where pl.plan_x_dim > 0 and p.day >= v_y0 and p.day <= v_d
     group by p.customer_id
  ),
  exp as (
    select e.customer_id,
           coalesce(sum(e.amount) filter (where e.spent_on > v_3m), 0) as recent,
           coalesce(sum(e.amount) filter (where e.spent_on <= v_3m), 0) as previous
      from public.expenses e
     where e.deleted_at is null and e.spent_on > v_6m and e.spent_on <= v_d
       and (v_all or e.customer_id = any(v_ids))
     group by e.customer_id
  ),
  -- one row per active customer with every figure the rules need
  base as (
    select th.*,
           round(coalesce(bu.billed_cents, 0)::numeric / 100, 2) - coalesce(pa.paid, 0)
             - coalesce(re.credited, 0) as balance,
           round(coalesce(yt.ytd_c, 0)::numeric / 100, 2) as ytd,
           round(coalesce(wi.r90_c, 0)::numeric / 100, 2) as r90,
           round(coalesce(wi.p90_c, 0)::numeric / 100, 2) as p90,
           bu.last_day, bu.purchases, bu.median_gap,
           coalesce(pl.plan_x_dim, 0) as plan_x_dim,
           coalesce(ex.recent, 0) as exp_recent, coalesce(ex.previous, 0) as exp_previous,
           (bu.last_day <= v_d - th.churn_n
            and bu.last_day > (v_d - th.churn_n - interval '1 year')::date) as churned
      from th
      left join buy bu on bu.customer_id = th.customer_id
      left join win wi on wi.customer_id = th.customer_id
      left join ytd yt on yt.customer_id = th.customer_id
      left join pay pa on pa.customer_id = th.customer_id
      left join ret re on re.customer_id = th.customer_id
      left join plan pl on pl.customer_id = th.customer_id
      left join exp ex on ex.customer_id = th.customer_id
  ),
  cond as (
    select b.customer_id, b.owner_id, 'credit_over_limit'::text as kind, 'balance'::text as cause_key,
           case when b.balance > b.credit_high * b.credit_limit then 'high' else 'medium' end as severity,
           jsonb_build_object('balance', b.balance, 'credit_limit', b.credit_limit,
             'ratio', round(b.balance / nullif(b.credit_limit, 0), 4),
             'high_ratio', b.credit_high) as figures
      from base b
     where b.balance > b.credit_limit
    union all
    select b.customer_id, b.owner_id, 'behind_plan', v_year, 'medium',
           jsonb_build_object('year', v_year::int, 'purchases', b.ytd,
             'plan_to_date', round(b.plan_x_dim / v_dim, 2),
             'attainment', round(b.ytd * v_dim / b.plan_x_dim, 4),
             'tolerance', b.behind_t)
      from base b
     where b.plan_x_dim > 0 and b.ytd * v_dim < (1 - b.behind_t) * b.plan_x_dim
    union all
    select b.customer_id, b.owner_id, 'below_last_year', 'rolling', 'medium',
           jsonb_build_object('purchases_90d', b.r90, 'last_year_90d', b.p90,
             'ratio', round(b.r90 / b.p90, 4), 'tolerance', b.bly_t,
             'min_amount', b.bly_min)
      from base b
     where b.p90 > 0 and b.p90 >= b.bly_min and b.r90 < (1 - b.bly_t) * b.p90
    union all
    select b.customer_id, b.owner_id, 'churn', b.last_day::text, 'high',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'days', b.churn_n)
      from base b
     where b.churned
    union all
    select b.customer_id, b.owner_id, 'purchase_frequency_drop', b.last_day::text, 'low',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'median_gap_days', b.median_gap, 'purchases', b.purchases, 'factor', b.freq_f)
      from base b
     where not b.churned and b.purchases >= 4 and (v_d - b.last_day) > b.freq_f * b.median_gap
    union all
    select b.customer_id, b.owner_id, 'expense_rising', 'rolling', 'low',
           jsonb_build_object('expenses_3m', b.exp_recent, 'previous_3m', b.exp_previous,
             'tolerance', b.exp_t, 'min_amount', b.exp_min)
      from base b
     where b.exp_recent > b.exp_min and b.exp_recent > (1 + b.exp_t) * b.exp_previous
    union all
    select th.customer_id, th.owner_id, 'expense_over_budget', bu.period_start::text, 'medium',
           jsonb_build_object('period_start', bu.period_start, 'period_end', bu.period_end,
             'spent', bu.spent, 'budget', bu.amount,
             'ratio', round(bu.spent / nullif(bu.amount, 0), 4))
      from (select b.customer_id, b.period_start, b.period_end, b.amount,
                   (select coalesce(sum(e.amount), 0) from public.expenses e
                     where e.customer_id = b.customer_id and e.deleted_at is null
                       and e.spent_on >= b.period_start and e.spent_on <= v_d) as spent
              from public.expense_budgets b
             where b.deleted_at is null and b.period_start <= v_d and b.period_end >= v_d
               and (v_all or b.customer_id = any(v_ids))) bu
      join th on th.customer_id = bu.customer_id
     where bu.spent > bu.amount
    union all
    select th.customer_id, th.owner_id, 'major_incident', i.id::text, 'high',
           jsonb_build_object('incident_kind', i.kind, 'occurred_on', i.occurred_on,
             'description', left(i.description, 200))
      from public.incidents i
      join th on th.customer_id = i.customer_id
     where i.deleted_at is null and i.kind <> 'minor' and i.occurred_on <= v_d
       and i.occurred_on > v_d - th.incident_n
       and (v_all or i.customer_id = any(v_ids))
  )
  select coalesce(array_agg(row(c.customer_id, c.owner_id, c.kind, c.cause_key, c.severity,
                                c.figures)::private.warning_condition), '{}')
    into v_cond
    from cond c;

  -- 2: raise, update and clear ------------------------------------------------------------------
  return query
  with
  cond as (
    select * from unnest(v_cond)
  ),
  cur as (
    select w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.figures
      from public.warnings w
     where w.status <> 'resolved' and (v_all or w.customer_id = any(v_ids))
  ),
  raised as (
    insert into public.warnings as w (customer_id, kind, cause_key, severity, owner_id, figures)
    select c.customer_id, c.kind, c.cause_key, c.severity, c.owner_id, c.figures
      from cond c
     where not exists (select from cur
                        where cur.customer_id = c.customer_id and cur.kind = c.kind
                          and cur.cause_key = c.cause_key)
       and not exists (select from public.warnings r
                        where r.customer_id = c.customer_id and r.kind = c.kind
                          and r.cause_key = c.cause_key and r.status = 'resolved'
                          and r.cleared_at is null)
    on conflict (customer_id, kind, cause_key) where status <> 'resolved' do nothing
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  updated as (
    update public.warnings w
       set severity = c.severity, figures = c.figures
      from cur
      join cond c on c.customer_id = cur.customer_id and c.kind = cur.kind
                 and c.cause_key = cur.cause_key
     where w.id = cur.id and (cur.severity, cur.figures) is distinct from (c.severity, c.figures)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  cleared as (
    update public.warnings w
       set status = 'resolved', resolved_at = now(), cleared_at = now(),
           figures = w.figures || jsonb_build_object('cleared_as_of', v_d),
           resolution = case
             when exists (select from public.customers cu
                           where cu.id = w.customer_id
                             and (cu.deleted_at is not null or cu.status = 'eliminated'))
               then 'customer_inactive'
             when w.kind = 'behind_plan' and w.cause_key <> v_year then 'period_ended'
             when w.kind = 'expense_over_budget' and exists (
                    select from public.expense_budgets b
                     where b.customer_id = w.customer_id and b.deleted_at is null
                       and b.period_start::text = w.cause_key
                       and not (b.period_start <= v_d and b.period_end >= v_d)) then 'period_ended'
             when w.kind = 'major_incident' and exists (
                    select from public.incidents i
                     where i.customer_id = w.customer_id and i.id::text = w.cause_key
                       and i.deleted_at is null and i.kind <> 'minor') then 'period_ended'
             else 'condition_cleared' end
      from cur
     where w.id = cur.id
       and not exists (select from cond c
                        where c.customer_id = cur.customer_id and c.kind = cur.kind
                          and c.cause_key = cur.cause_key)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  ),
  unsuppressed as (
    update public.warnings w
       set cleared_at = now()
     where w.status = 'resolved' and w.cleared_at is null
       and (v_all or w.customer_id = any(v_ids))
       and not exists (select from cond c
                        where c.customer_id = w.customer_id and c.kind = w.kind
                          and c.cause_key = w.cause_key)
    returning w.id
  )
  select 'raised'::text, r.id, r.customer_id, r.kind, r.cause_key, r.severity, r.status,
         r.figures, r.resolution
    from raised r
  union all
  select 'updated', u.id, u.customer_id, u.kind, u.cause_key, u.severity, u.status, u.figures,
         u.resolution
    from updated u
  union all
  select 'cleared', x.id, x.customer_id, x.kind, x.cause_key, x.severity, x.status, x.figures,
         x.resolution
    from cleared x;
end
$$;

-- 7 classification ------------------------------------------------------------------------------
-- Volume = purchases in the 12 months up to D; loyalty = weighted measurable signals blended
-- with the latest evaluation; quadrant by volume percentile in (area, tier) and loyalty cut-off;
-- grade from the latest evaluation, else from the volume percent rank. One history row per
-- customer and date; customers.grade and customers.quadrant follow the latest run.

create or replace function private.classify_customers_core(p_as_of date)
returns jsonb
language plpgsql
security definer
set search_path = ''
set jit = off
as $$
declare
  v_d date := p_as_of;
  v_ly date;
  v_m0 date;
  v_m12 date;
  v_pct numeric;
  v_cut numeric;
  v_blend numeric;
  v_w jsonb;
  v_vg jsonb;
  v_gc jsonb;
  v_wp numeric;
  v_wa numeric;
  v_wt numeric;
  v_wx numeric;
  v_wk numeric;
  v_result jsonb;
begin
  if p_as_of is null then
    raise exception 'as_of is required: the date to classify customers as of'
      using errcode = '22004', detail = '必须指定分类日期（as_of）';
  end if;
  select (s.value #>> '{}')::numeric into v_pct from public.settings s where s.key = 'classification.volume_percentile';
  select (s.value #>> '{}')::numeric into v_cut from public.settings s where s.key = 'classification.loyalty_cutoff';
  select (s.value #>> '{}')::numeric into v_blend from public.settings s where s.key = 'classification.evaluation_blend';
  select s.value into v_w from public.settings s where s.key = 'classification.loyalty_weights';
  select s.value into v_vg from public.settings s where s.key = 'classification.volume_grade_cutoffs';
  select s.value into v_gc from public.settings s where s.key = 'evaluation.grade_cutoffs';
  v_wp := coalesce((v_w ->> 'punctuality')::numeric, 0);
  v_wa := coalesce((v_w ->> 'plan')::numeric, 0);
  v_wt := coalesce((v_w ->> 'tenure')::numeric, 0);
  v_wx := coalesce((v_w ->> 'exclusive')::numeric, 0);
  v_wk := coalesce((v_w ->> 'conduct')::numeric, 0);
  -- exclusivity and conduct are always known, so they must weigh something
  if v_pct is null or v_cut is null or v_blend is null or v_vg is null or v_gc is null
     or least(v_wp, v_wa, v_wt, v_wx, v_wk) < 0 or v_wx + v_wk <= 0 then
    raise exception 'a classification.* setting is missing or invalid'
      using errcode = '22023', detail = '客户分类设置不完整或无效';
  end if;
  v_ly := (v_d - interval '1 year')::date;
  v_m0 := make_date(extract(year from v_d)::int, extract(month from v_d)::int, 1);
  v_m12 := (v_m0 - interval '12 months')::date;

  perform pg_advisory_xact_lock(727004);

  with
  scope as (
    select c.id, c.area_id, c.tier, c.since, c.exclusive, c.payment_terms_days
      from public.customers c
     where c.deleted_at is null and c.status in ('active', 'suspended')
  ),
  ship as (
    select d.customer_id,
      round(coalesce(sum(d.cents) filter (where d.day > v_ly), 0)::numeric / 100, 2) as volume,
      round(coalesce(sum(d.cents) filter (where d.day >= v_m12 and d.day < v_m0), 0)::numeric / 100, 2) as vol_plan_window,
      round(sum(d.billed_cents)::numeric / 100, 2) as billed,
      round(coalesce(sum(d.billed_cents) filter (where d.day > v_d - c.payment_terms_days), 0)::numeric / 100, 2) as billed_in_terms,
      min(d.day) as first_day
      from private.purchase_days d
      join scope c on c.id = d.customer_id
     where d.day <= v_d
     group by d.customer_id
  ),
  pay as (
    select p.customer_id, sum(p.amount) as paid from public.payments p
     where p.deleted_at is null and p.paid_on <= v_d group by p.customer_id
  ),
  ret as (
    select r.customer_id, sum(r.amount) as credited from public.returns r
     where r.deleted_at is null and r.status in ('accepted', 'completed')
       and r.kind in ('return', 'credit_note') and r.decided_on <= v_d
     group by r.customer_id
  ),
  plan as (
    select p.customer_id, sum(p.amount) as planned from public.sales_plans p
     where p.deleted_at is null and p.month >= v_m12 and p.month < v_m0
     group by p.customer_id
  ),
  flags as (
    select f.customer_id, count(*) as n from public.customer_conduct_flags f
     where f.deleted_at is null and f.flagged_on > v_ly and f.flagged_on <= v_d
     group by f.customer_id
  ),
  ev as (
    select distinct on (e.customer_id) e.customer_id, e.score,
           (e.credit + e.relationship + e.enthusiasm) / 3.0 as loyal_mean
      from public.evaluations e
     where e.deleted_at is null and e.evaluated_on <= v_d
     order by e.customer_id, e.evaluated_on desc
  ),
  -- each signal in 0..1, null when unknown (then it is left out of the weighted mean)
  sig as (
    select c.id, c.area_id, c.tier, coalesce(sh.volume, 0) as volume, ev.score, ev.loyal_mean,
      -- payment punctuality: the share of the last 12 months' purchases that is not overdue
      -- (owed beyond the payment terms); unknown for customers we never billed
      case when coalesce(sh.billed, 0) > 0
           then 1 - least(1, greatest(0, sh.billed - coalesce(pa.paid, 0)
                                          - coalesce(re.credited, 0) - sh.billed_in_terms)
                             / greatest(sh.volume, 1)) end as punctuality,
      -- plan attainment over the 12 whole months before this one; unknown without a plan
      case when coalesce(pl.planned, 0) > 0
           then least(1, coalesce(sh.vol_plan_window, 0) / pl.planned) end as plan_ratio,
      -- tenure since customers.since (else the first purchase), full at three years
      least(1, greatest(0, v_d - coalesce(c.since, sh.first_day)) / (3 * 365.25)) as tenure,
      case when c.exclusive then 1 else 0 end as exclusive,
      -- conduct: each cross-territory or dumping flag in the last 12 months costs half
      greatest(0, 1 - 0.5 * coalesce(fl.n, 0)) as conduct
      from scope c
      left join ship sh on sh.customer_id = c.id
      left join pay pa on pa.customer_id = c.id
      left join ret re on re.customer_id = c.id
      left join plan pl on pl.customer_id = c.id
      left join flags fl on fl.customer_id = c.id
      left join ev on ev.customer_id = c.id
  ),
  scored as (
    select g.*,
      round(case when g.loyal_mean is null then g.measured
                 else (1 - v_blend) * g.measured + v_blend * (g.loyal_mean - 1) / 4 * 100 end, 1) as loyalty,
      percent_rank() over (partition by g.area_id, g.tier order by g.volume) as vol_rank
      from (
        select sig.*,
          (coalesce(v_wp * sig.punctuality, 0) + coalesce(v_wa * sig.plan_ratio, 0)
           + coalesce(v_wt * sig.tenure, 0) + v_wx * sig.exclusive + v_wk * sig.conduct)
          / (case when sig.punctuality is null then 0 else v_wp end
             + case when sig.plan_ratio is null then 0 else v_wa end
             + case when sig.tenure is null then 0 else v_wt end + v_wx + v_wk) * 100 as measured
          from sig
      ) g
  ),
  cutoff as (
    select s.area_id, s.tier, percentile_cont(v_pct::float8) within group (order by s.volume) as vol_cut
      from scored s
     group by s.area_id, s.tier
  ),
  result as (
    select s.id, s.volume, s.loyalty,
      case when s.volume > 0 and s.volume >= k.vol_cut
           then case when s.loyalty >= v_cut then 'core' else 'dangerous' end
           else case when s.loyalty >= v_cut then 'cultivate' else 'eliminate' end end as quadrant,
      case when s.score is not null then
             case when s.score >= (v_gc ->> 'A')::numeric then 'A'
                  when s.score >= (v_gc ->> 'B')::numeric then 'B'
                  when s.score >= (v_gc ->> 'C')::numeric then 'C' else 'D' end
           when s.volume <= 0 then 'D'
           when s.vol_rank >= (v_vg ->> 'A')::numeric then 'A'
           when s.vol_rank >= (v_vg ->> 'B')::numeric then 'B'
           when s.vol_rank >= (v_vg ->> 'C')::numeric then 'C'
           else 'D' end as grade
      from scored s
      join cutoff k on k.area_id = s.area_id and k.tier = s.tier
  ),
  prev as (
    select r.id, p.quadrant as prev_quadrant, p.grade as prev_grade
      from result r
      join lateral (
        select cc.quadrant, cc.grade from public.customer_classifications cc
         where cc.customer_id = r.id and cc.as_of < v_d
         order by cc.as_of desc limit 1) p on true
  ),
  saved as (
    insert into public.customer_classifications as cc
           (customer_id, as_of, volume_12m, loyalty_score, quadrant, grade)
    select r.id, v_d, r.volume, r.loyalty, r.quadrant, r.grade from result r
    on conflict (customer_id, as_of) do update
       set volume_12m = excluded.volume_12m, loyalty_score = excluded.loyalty_score,
           quadrant = excluded.quadrant, grade = excluded.grade
    returning cc.customer_id
  ),
  applied as (
    update public.customers c
       set grade = r.grade, quadrant = r.quadrant
      from result r
     where c.id = r.id and (c.grade, c.quadrant) is distinct from (r.grade, r.quadrant)
    returning c.id
  )
  select jsonb_build_object(
    'as_of', v_d,
    'classified', (select count(*) from saved),
    'changed_customers', (select count(*) from applied),
    'quadrants', (select coalesce(jsonb_object_agg(q.quadrant, q.n), '{}')
                    from (select r.quadrant, count(*) as n from result r group by r.quadrant) q),
    'grades', (select coalesce(jsonb_object_agg(g.grade, g.n), '{}')
                 from (select r.grade, count(*) as n from result r group by r.grade) g),
    'moved_quadrant', (select count(*) from prev p join result r on r.id = p.id
                        where p.prev_quadrant <> r.quadrant),
    'moved_grade', (select count(*) from prev p join result r on r.id = p.id
                     where p.prev_grade <> r.grade))
  into v_result;
  return v_result;
end
$$;

-- Who moved between quadrants or grades, classification run by classification run.
create view public.customer_classification_moves with (security_invoker = true) as
select x.customer_id, x.as_of, x.previous_as_of, x.previous_quadrant, x.quadrant,
       x.previous_grade, x.grade, x.volume_12m, x.loyalty_score
  from (
    select cc.customer_id, cc.as_of, cc.quadrant, cc.grade, cc.volume_12m, cc.loyalty_score,
           lag(cc.as_of) over w as previous_as_of,
           lag(cc.quadrant) over w as previous_quadrant,
           lag(cc.grade) over w as previous_grade
      from public.customer_classifications cc
    window w as (partition by cc.customer_id order by cc.as_of)
  ) x
 where x.previous_as_of is not null
   and (x.previous_quadrant <> x.quadrant or x.previous_grade <> x.grade);

-- 8 API functions and grants --------------------------------------------------------------------
-- The service side (CLI, importer, pg_cron) and the server's own security-definer functions
-- (sync) evaluate; people never do, so only service_role may call these.

create or replace function public.evaluate_warnings(p_as_of date)
returns table (action text, warning_id uuid, customer_id uuid, kind text, cause_key text,
               severity text, status text, figures jsonb, resolution text)
language plpgsql
set search_path = ''
as $$
begin
  return query select * from private.evaluate_warnings_core(null, p_as_of);
end
$$;

create or replace function public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date)
returns table (action text, warning_id uuid, customer_id uuid, kind text, cause_key text,
               severity text, status text, figures jsonb, resolution text)
language plpgsql
set search_path = ''
as $$
begin
  if p_customer_ids is null then
    raise exception 'p_customer_ids is required (use evaluate_warnings for every customer)'
      using errcode = '22004', detail = '必须指定客户编号列表';
  end if;
  return query select * from private.evaluate_warnings_core(p_customer_ids, p_as_of);
end
$$;

create or replace function public.classify_customers(p_as_of date)
returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  return private.classify_customers_core(p_as_of);
end
$$;

revoke all on function private.evaluate_warnings_core(uuid[], date),
  private.classify_customers_core(date), private.evaluation_score(),
  private.purchase_days_apply(), private.purchase_days_truncate(), private.rebuild_purchase_days(),
  private.refresh_purchase_stats(uuid[]),
  private.fmt_money(jsonb), private.fmt_pct(jsonb) from public;
grant usage on schema private to service_role;
grant execute on function private.evaluate_warnings_core(uuid[], date),
  private.classify_customers_core(date), private.rebuild_purchase_days() to service_role;
grant execute on function private.fmt_money(jsonb), private.fmt_pct(jsonb)
  to authenticated, service_role;

revoke all on function public.evaluate_warnings(date),
  public.evaluate_customer_warnings(uuid[], date), public.classify_customers(date)
  from public, anon, authenticated;
grant execute on function public.evaluate_warnings(date),
  public.evaluate_customer_warnings(uuid[], date), public.classify_customers(date)
  to service_role;

revoke all on function public.warning_message(text, jsonb, text) from public, anon;
grant execute on function public.warning_message(text, jsonb, text) to authenticated, service_role;

revoke all on public.customer_classification_moves from anon;
grant select on public.customer_classification_moves to authenticated, service_role;

-- 9 schedule ------------------------------------------------------------------------------------
-- Where pg_cron exists (Supabase): warnings every night at 02:00 Beijing time (18:00 UTC), the
-- classification on the 1st of each month. Elsewhere the CLI runs them.

do $$
begin
  if exists (select from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('fieldsales-evaluate-warnings', '0 18 * * *',
      $job$select count(*) from public.evaluate_warnings((now() at time zone 'Asia/Shanghai')::date)$job$)$cron$;
    execute $cron$select cron.schedule('fieldsales-classify-customers', '30 18 1 * *',
      $job$select public.classify_customers((now() at time zone 'Asia/Shanghai')::date)$job$)$cron$;
  end if;
end
$$;
