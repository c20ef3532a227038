-- Issue 16, complaints worked to an answer (docs/cases.md "Complaints, escalation and
-- incidents"): a leader's decision and the answer to the customer, escalation of cases without
-- progress, the warning kind complaint_unanswered, incidents and the phone's complaints opening
-- cases, and the legacy complaints moved into cases.
-- Sections: 1 columns and constraints, 2 who sees incident cases, 3 decide and answer,
-- 4 escalation, 5 cases opened from incidents and complaints, 6 legacy complaints,
-- 7 the warning kind complaint_unanswered, 8 schedule, 9 grants.

-- 1 columns and constraints ---------------------------------------------------------------------

-- The incident or the phone's complaint a case was opened from: unique, so a replayed push or a
-- second trigger run opens nothing twice. The case is the record (it copies the text): removing
-- the row it came from leaves the case and its history.
alter table public.cases add column incident_id uuid
  constraint cases_incident_id_key unique references public.incidents (id) on delete set null;
alter table public.cases add column complaint_id uuid
  constraint cases_complaint_id_key unique references public.complaints (id) on delete set null;
-- The answer and its time go together (complaint_unanswered reads answered_at).
alter table public.cases add constraint cases_answer_time
  check ((answer is null) = (answered_at is null));
-- complaint_unanswered reads the complaints of the customers in scope
create index cases_complaints_idx on public.cases (customer_id)
  include (due_at, answered_at, closed_at, severity)
  where kind = 'complaint' and deleted_at is null;
-- escalation reads the cases still open
create index cases_unfinished_idx on public.cases (opened_at)
  where deleted_at is null and status not in ('closed', 'resolved');

alter table public.warnings drop constraint warnings_kind_check;
alter table public.warnings add constraint warnings_kind_check check (kind in (
  'credit_over_limit', 'behind_plan', 'below_last_year', 'purchase_frequency_drop', 'churn',
  'expense_over_budget', 'expense_rising', 'major_incident', 'complaint_unanswered'));

-- 2 who sees incident cases ---------------------------------------------------------------------
-- An incident (重大变故: theft, a family split, an illness …) is what a rep observed about the
-- customer: internal, like the major_incident warning. A dealer never sees its incident cases
-- nor their history; every event of an incident case is internal, whoever writes it.

drop policy "Staff and the dealer can read cases" on public.cases;
create policy "Staff and the dealer can read cases" on public.cases
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or (customer_id = (select private.my_customer_id()) and kind <> 'incident'));

create or replace function private.case_event_internal() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select from public.cases c where c.id = new.case_id and c.kind = 'incident') then
    new.internal := true;
  end if;
  return new;
end
$$;
create trigger case_events_05_incident_internal before insert on public.case_events
  for each row execute function private.case_event_internal();

-- case_for_action of 20261208100000_cases_deliveries.sql; the one change: a dealer does not find
-- an incident case (P0002, as for any case it may not see).
create or replace function private.case_for_action(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  row public.cases;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_case_id is null then
    raise exception 'p_case_id is required' using errcode = '22023', detail = '缺少售后单编号';
  end if;
  select * into row from public.cases c where c.id = p_case_id and c.deleted_at is null for update;
  if not found
     or (role = 'dealer' and (row.customer_id is distinct from (select private.my_customer_id())
                              or row.kind = 'incident'))
     or (role in ('rep', 'area_manager')
         and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  if row.status = 'closed' then
    raise exception 'this case is closed' using errcode = '55000', detail = '售后单已关闭';
  end if;
  return row;
end
$$;

-- 3 decide and answer ---------------------------------------------------------------------------

-- A leader's decision on a case (处理决定): area managers (their areas) and managers. Kept in
-- decision / decided_by / decided_at (a new decision replaces the last; each is an internal
-- 'decided' event). An open case moves to in_progress.
create or replace function public.case_decide(p_case_id uuid, p_decision text)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager decides a case',
                         '只有区域经理或销售经理可以作出处理决定');
  end if;
  if length(btrim(coalesce(p_decision, ''))) = 0 then
    raise exception 'a decision is required' using errcode = '22023', detail = '请填写处理决定';
  end if;
  if length(p_decision) > 4000 then
    raise exception 'the decision is longer than 4000 characters' using errcode = '22023',
      detail = '处理决定不能超过4000字';
  end if;
  update public.cases
     set decision = btrim(p_decision), decided_by = (select auth.uid()), decided_at = now(),
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', c.decision, true, was, c.status);
  return c;
end
$$;

-- The answer to the customer (答复): the case's owner, area managers (their areas), managers;
-- never on an incident (internal). The latest answer counts (answer / answered_at); each is an
-- 'answered' event the dealer reads. A complaint that is open or in progress is resolved by its
-- answer (it still needs closing; escalation stops), and its customer's warnings are
-- re-evaluated (complaint_unanswered clears); other kinds keep their status.
create or replace function public.case_answer(p_case_id uuid, p_answer text)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager answers the customer',
                         '只有负责人、区域经理或销售经理可以答复客户');
  end if;
  if c.kind = 'incident' then
    raise exception 'an incident is internal: it has no answer to the customer'
      using errcode = '22023', detail = '重大变故为内部记录，无需答复客户';
  end if;
  if length(btrim(coalesce(p_answer, ''))) = 0 then
    raise exception 'an answer is required' using errcode = '22023', detail = '请填写答复内容';
  end if;
  if length(p_answer) > 4000 then
    raise exception 'the answer is longer than 4000 characters' using errcode = '22023',
      detail = '答复不能超过4000字';
  end if;
  update public.cases
     set answer = btrim(p_answer), answered_at = now(), updated_at = now(),
         status = case when kind = 'complaint' and status in ('open', 'in_progress')
                       then 'resolved' else status end
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'answered', c.answer, false, was, c.status);
  -- an answered complaint clears complaint_unanswered now, not at the next nightly run
  if c.kind = 'complaint' then
    perform private.evaluate_warnings_core(array[c.customer_id], private.company_today());
  end if;
  return c;
end
$$;

-- 4 escalation ----------------------------------------------------------------------------------
-- A case not closed or resolved without progress for case.sla_days.<severity> days goes up one
-- level: 0 (the area manager) → 1 (a manager: the owner becomes the first active manager by
-- name) → 2 (overdue at the manager's level; the owner stays). Progress is any event of the
-- case except a dealer's note (a dealer asking again is no progress); the 'escalated' event,
-- dated p_as_of, starts the next level's window, so a second run at the same time or before
-- that window has passed does nothing. Callers: the CLI `fieldsales warnings evaluate` (before
-- the evaluation), pg_cron where it exists, a manager. Returns how many cases went up.
create or replace function public.escalate_cases(p_as_of timestamptz default null)
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  -- the caller's role (current_user is the owner inside security definer)
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  boss uuid;
  r record;
  n integer := 0;
  lvl smallint;
  who uuid;
begin
  if api then
    perform private.require_caller();
    if (select private.my_role()) is distinct from 'manager' then
      perform private.deny('only a manager escalates cases', '只有销售经理可以升级售后单');
    end if;
    if as_of > private.company_now() then
      raise exception 'cases are escalated as of now or an earlier time, not a later one (%)', as_of
        using errcode = '22023', detail = '升级时间不能晚于当前时间';
    end if;
  end if;
  -- two runs never interleave (each would escalate the same case once more)
  perform pg_advisory_xact_lock(727016);
  select p.id into boss from public.profiles p
   where p.role = 'manager' and p.active order by p.full_name, p.id limit 1;
  for r in
    select c.id, c.customer_id, c.escalation_level, c.owner_id, c.severity
      from public.cases c
     where c.deleted_at is null and c.status not in ('closed', 'resolved')
       and c.escalation_level < 2
       and greatest(c.opened_at,
                    (select max(e.at) from public.case_events e
                       left join public.profiles p on p.id = e.actor_id
                      where e.case_id = c.id
                        and (e.action <> 'note' or p.role is distinct from 'dealer')))
           + make_interval(days => private.case_sla_days(c.severity)) <= as_of
     order by c.opened_at, c.id
       for update of c
  loop
    lvl := r.escalation_level + 1;
    who := case when lvl = 1 then coalesce(boss, r.owner_id) else r.owner_id end;
    update public.cases set escalation_level = lvl, owner_id = who, updated_at = now()
     where id = r.id;
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, internal,
                                    owner_id)
    values (r.id, r.customer_id, null, as_of, 'escalated',
            case when lvl = 1
                 then format('%s天无进展，升级至销售经理 | no progress for %s days: escalated to a manager',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity))
                 else format('销售经理处理仍超时（%s天无进展） | still no progress for %s days at the manager''s level',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity)) end,
            true, who);
    n := n + 1;
  end loop;
  return n;
end
$$;

-- 5 cases opened from incidents and from the phone's complaints ---------------------------------

-- An incident reported by a rep (pushed by the phone, or imported) opens a case of kind
-- 'incident' for the follow-up: high for theft, accident, family split, serious illness and other
-- major incidents, low for a minor one; owner the area manager above (case_owner_for); due by
-- case.sla_days. Only incidents inside warning.major_incident.days (90) open one: an imported
-- history of old incidents is not work for the desk. Once per incident (cases.incident_id).
create or replace function private.open_incident_case() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  sev text := case when new.kind = 'minor' then 'low' else 'high' end;
  days integer := coalesce((select (s.value #>> '{}')::integer from public.settings s
                             where s.key = 'warning.major_incident.days'), 90);
  cid uuid;
begin
  if new.deleted_at is not null or new.occurred_on <= private.company_today() - days then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, incident_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('incident', new.customer_id, sev, new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)), new.reported_by, now(),
          '重大变故：' || case new.kind when 'theft' then '被盗' when 'accident' then '车祸'
                               when 'family_split' then '分家' when 'serious_illness' then '重病'
                               when 'other_major' then '其他重大变故' else '一般事件' end
            || '（' || new.occurred_on || '）',
          new.description)
  on conflict (incident_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                    to_status, owner_id)
    select cid, new.customer_id, new.reported_by, 'opened', new.description, true, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;
create trigger incidents_open_case after insert on public.incidents
  for each row execute function private.open_incident_case();

-- A complaint a rep records at a visit (public.complaints, pushed by the phone) opens a case of
-- kind 'complaint' (severity medium): the case is where it is investigated, decided, answered
-- and closed. Once per complaint (cases.complaint_id).
create or replace function private.open_complaint_case() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  cid uuid;
begin
  if new.deleted_at is not null then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, complaint_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('complaint', new.customer_id, 'medium', new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days('medium')), new.raised_by, now(),
          '客户投诉：' || case new.category when 'product' then '产品' when 'delivery' then '配送'
                               when 'service' then '服务' when 'price' then '价格' else '其他' end,
          new.detail)
  on conflict (complaint_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, to_status,
                                    owner_id)
    select cid, new.customer_id, new.raised_by, 'opened', new.detail, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;
create trigger complaints_open_case after insert on public.complaints
  for each row execute function private.open_complaint_case();

-- 6 legacy complaints ---------------------------------------------------------------------------
-- The complaints recorded before this migration become cases with their history: investigation
-- as an internal note, decision and reply as decision and answer, escalated as level 1; status
-- open → open, investigating/decided → in_progress, answered → resolved, closed → closed.

insert into public.cases (kind, customer_id, severity, complaint_id, owner_id, escalation_level,
                          status, due_at, opened_by, opened_at, title, detail, decision,
                          decided_by, decided_at, answer, answered_at, closed_at)
select 'complaint', k.customer_id, 'medium', k.id, private.case_owner_for(k.customer_id),
       case when k.escalated then 1 else 0 end,
       case k.status when 'open' then 'open' when 'answered' then 'resolved'
                     when 'closed' then 'closed' else 'in_progress' end,
       k.created_at + make_interval(days => private.case_sla_days('medium')), k.raised_by,
       k.created_at,
       '客户投诉：' || case k.category when 'product' then '产品' when 'delivery' then '配送'
                            when 'service' then '服务' when 'price' then '价格' else '其他' end,
       k.detail, k.decision, k.decided_by, case when k.decision is not null then coalesce(k.decided_at, k.updated_at) end,
       k.reply, case when k.reply is not null then coalesce(k.replied_at, k.updated_at) end,
       case when k.status = 'closed' then k.updated_at end
  from public.complaints k
 where k.deleted_at is null
on conflict (complaint_id) do nothing;

insert into public.case_events (case_id, customer_id, actor_id, at, action, note, internal,
                                from_status, to_status, owner_id)
select c.id, c.customer_id, x.actor, x.at, x.action, x.note, x.internal, null, x.to_status,
       case when x.action = 'opened' then c.owner_id end
  from public.cases c
  join public.complaints k on k.id = c.complaint_id
  cross join lateral (values
    (1, k.raised_by, k.created_at, 'opened', k.detail, false, 'open'),
    (2, null::uuid, k.updated_at, 'note', k.investigation, true, null),
    (3, k.decided_by, c.decided_at, 'decided', k.decision, true, null),
    (4, null::uuid, c.answered_at, 'answered', k.reply, false, null),
    (5, null::uuid, c.closed_at, 'closed', null, false, 'closed')
  ) as x(n, actor, at, action, note, internal, to_status)
 where (x.n = 1 or (x.n = 5 and c.closed_at is not null) or (x.n in (2, 3, 4) and x.note is not null))
   and not exists (select from public.case_events e where e.case_id = c.id)
 order by c.id, x.n;

-- 7 the warning kind complaint_unanswered ---------------------------------------------------------
-- Raised for a customer while any of its complaint cases was due before D began (due_at before
-- the company day D starts) and was neither answered nor closed by the end of D; cleared when
-- answered or closed. Cause key 'complaints' (one warning per customer); severity the highest of
-- those complaints; figures: complaints (how many), days_overdue (D minus the oldest due date,
-- company calendar), oldest_due. docs/warnings.md; the pandas twin tests/oracle/rules.py.

-- The evaluation of 20261201120000_figures.sql (the latest definition), with one more branch:
-- complaint_unanswered (and the three day bounds it reads).
create or replace function private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date)
returns table (action text, warning_id uuid, customer_id uuid, kind text, cause_key text,
               severity text, status text, figures jsonb, resolution text)
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
set jit = off
set work_mem = '64MB'
set max_parallel_workers_per_gather = 0
set join_collapse_limit = 1
set from_collapse_limit = 1
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_d date := p_as_of;
  v_year text := extract(year from p_as_of)::int::text;
  v_m0 date := make_date(extract(year from p_as_of)::int, extract(month from p_as_of)::int, 1);
  v_dom integer := extract(day from p_as_of)::int;
  v_dim integer := (v_m0 + interval '1 month')::date - v_m0;
  v_3m date := (p_as_of - interval '3 months')::date;
  v_6m date := (p_as_of - interval '6 months')::date;
  -- complaint_unanswered: D starts and ends at these instants of the company's calendar
  v_day_start timestamptz := private.day_start(p_as_of);
  v_day_end timestamptz := private.day_start(p_as_of + 1);
  v_tz text := private.company_tz();
  v_def numeric[];
  v_missing text;
  v_cond private.warning_condition[];
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
  -- the settings' thresholds, in this order (overrides per grade or customer apply per row)
  select array_agg((s.value #>> '{}')::numeric order by k.n) into v_def
    from unnest(array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
                      'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
                      'warning.churn.days', 'warning.expense_rising.tolerance',
                      'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
                      'warning.major_incident.days']) with ordinality as k(key, n)
    join public.settings s on s.key = k.key;
  if coalesce(cardinality(v_def), 0) < 9 then
    raise exception 'a warning.* setting is missing from public.settings'
      using errcode = '22023', detail = '预警阈值设置不完整';
  end if;

  -- evaluations never interleave: the partial unique index would make the loser fail
  perform pg_advisory_xact_lock(727003);

  -- 1: the conditions that hold as of D ---------------------------------------------------------
  -- Joins run in the written order (join_collapse_limit = 1): the customers in scope, then one
  -- aggregate per source, each hashed once. Every source is read through a covering index.
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
  -- evaluated customers in scope (customers_evaluated_idx has exactly these rows and columns);
  -- narrow, as it is read three times; base adds the other thresholds
  th as (
    select c.id as customer_id, c.credit_limit, c.owner_id, c.grade,
           coalesce(oc.incident_n, og.incident_n, v_def[9])::integer as incident_n
      from public.customers c
      left join ovr og on og.customer_id is null and og.grade = c.grade
      left join ovr oc on oc.customer_id = c.id
     where c.deleted_at is null and c.status <> 'eliminated' and (v_all or c.id = any(v_ids))
  ),
  -- purchases: live shipments where the customer is the buyer, summed per day in
  -- private.purchase_days (integer cents). What does not depend on D — the
  -- last purchase and the rhythm before it (purchase days in the 12 months up to it, median
  -- gap) — is kept per customer in private.purchase_stats; only customers who bought after D
  -- are recomputed from their days up to D.
  stale_days as (
    select p.customer_id, p.day,
           p.day - lag(p.day) over (partition by p.customer_id order by p.day) as gap,
           (max(p.day) over (partition by p.customer_id) - interval '1 year')::date as lb
      from private.purchase_stats st
      join private.purchase_days p on p.customer_id = st.customer_id
     where st.last_day > v_d and (v_all or st.customer_id = any(v_ids)) and p.day <= v_d
  ),
  buy as (
    select st.customer_id, st.last_day, st.purchases, st.median_gap
      from private.purchase_stats st
     where st.last_day <= v_d and (v_all or st.customer_id = any(v_ids))
    union all
    select d.customer_id, max(d.day),
           count(*) filter (where d.day - d.gap > d.lb) + 1,
           (percentile_cont(0.5) within group (order by d.gap)
              filter (where d.day - d.gap > d.lb))::numeric
      from stale_days d
     group by d.customer_id
  ),
  -- the figures shared with the ledger, the reports and the map (20261201120000_figures.sql)
  bal as (
    select b.customer_id, b.balance from private.balances(v_d, p_customer_ids) b
  ),
  fig as (
    select f.customer_id, f.ytd_purchases, f.purchases_90d, f.last_year_90d,
           -- the plan to date times the days of this month (exact: no division before comparing)
           f.plan_before_month * v_dim + coalesce(f.month_plan, 0) * v_dom as plan_x_dim
      from private.sales_figures(v_d, p_customer_ids) f
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
  -- one row per evaluated customer with every figure the rules need
  base as (
    select x.*,
           (x.last_day <= v_d - x.churn_n
            and x.last_day > (v_d - x.churn_n - interval '1 year')::date) as churned
      from (
        select th.customer_id, th.owner_id, th.credit_limit,
               -- thresholds: customer override, grade override, setting
               coalesce(oc.behind_t, og.behind_t, v_def[1]) as behind_t,
               coalesce(oc.bly_t, og.bly_t, v_def[2]) as bly_t,
               coalesce(oc.bly_min, og.bly_min, v_def[3]) as bly_min,
               coalesce(oc.freq_f, og.freq_f, v_def[4]) as freq_f,
               coalesce(oc.churn_n, og.churn_n, v_def[5])::integer as churn_n,
               coalesce(oc.exp_t, og.exp_t, v_def[6]) as exp_t,
               coalesce(oc.exp_min, og.exp_min, v_def[7]) as exp_min,
               coalesce(oc.credit_high, og.credit_high, v_def[8]) as credit_high,
               coalesce(ba.balance, 0) as balance,
               coalesce(fi.ytd_purchases, 0) as ytd,
               coalesce(fi.purchases_90d, 0) as r90,
               coalesce(fi.last_year_90d, 0) as p90,
               bu.last_day, bu.purchases, bu.median_gap,
               coalesce(fi.plan_x_dim, 0) as plan_x_dim,
               coalesce(ex.recent, 0) as exp_recent, coalesce(ex.previous, 0) as exp_previous
          from th
          left join ovr og on og.customer_id is null and og.grade = th.grade
          left join ovr oc on oc.customer_id = th.customer_id
          left join buy bu on bu.customer_id = th.customer_id
          left join bal ba on ba.customer_id = th.customer_id
          left join fig fi on fi.customer_id = th.customer_id
          left join exp ex on ex.customer_id = th.customer_id
      ) x
  ),
  -- the rules over base, evaluated once per customer; only customers with a condition that holds
  -- are kept (a null test counts as not holding, as in a WHERE clause)
  hits as (
    select f.*
      from (select b.*,
                   b.balance > b.credit_limit as f_credit,
                   b.plan_x_dim > 0 and b.ytd * v_dim < (1 - b.behind_t) * b.plan_x_dim as f_behind,
                   b.p90 > 0 and b.p90 >= b.bly_min and b.r90 < (1 - b.bly_t) * b.p90 as f_bly,
                   not b.churned and b.purchases >= 4
                     and (v_d - b.last_day) > b.freq_f * b.median_gap as f_freq,
                   b.exp_recent > b.exp_min and b.exp_recent > (1 + b.exp_t) * b.exp_previous
                     as f_exp
              from base b) f
     where f.f_credit or f.f_behind or f.f_bly or f.churned or f.f_freq or f.f_exp
  ),
  cond as (
    select b.customer_id, b.owner_id, 'credit_over_limit'::text as kind, 'balance'::text as cause_key,
           case when b.balance > b.credit_high * b.credit_limit then 'high' else 'medium' end as severity,
           jsonb_build_object('balance', b.balance, 'credit_limit', b.credit_limit,
             'ratio', round(b.balance / nullif(b.credit_limit, 0), 4),
             'high_ratio', b.credit_high) as figures
      from hits b
     where b.f_credit
    union all
    select b.customer_id, b.owner_id, 'behind_plan', v_year, 'medium',
           jsonb_build_object('year', v_year::int, 'purchases', b.ytd,
             'plan_to_date', round(b.plan_x_dim / v_dim, 2),
             'attainment', round(b.ytd * v_dim / b.plan_x_dim, 4),
             'tolerance', b.behind_t)
      from hits b
     where b.f_behind
    union all
    select b.customer_id, b.owner_id, 'below_last_year', 'rolling', 'medium',
           jsonb_build_object('purchases_90d', b.r90, 'last_year_90d', b.p90,
             'ratio', round(b.r90 / b.p90, 4), 'tolerance', b.bly_t,
             'min_amount', b.bly_min)
      from hits b
     where b.f_bly
    union all
    select b.customer_id, b.owner_id, 'churn', b.last_day::text, 'high',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'days', b.churn_n)
      from hits b
     where b.churned
    union all
    select b.customer_id, b.owner_id, 'purchase_frequency_drop', b.last_day::text, 'low',
           jsonb_build_object('last_purchase', b.last_day, 'days_since', v_d - b.last_day,
             'median_gap_days', b.median_gap, 'purchases', b.purchases, 'factor', b.freq_f)
      from hits b
     where b.f_freq
    union all
    select b.customer_id, b.owner_id, 'expense_rising', 'rolling', 'low',
           jsonb_build_object('expenses_3m', b.exp_recent, 'previous_3m', b.exp_previous,
             'tolerance', b.exp_t, 'min_amount', b.exp_min)
      from hits b
     where b.f_exp
    union all
    select th.customer_id, th.owner_id, 'expense_over_budget', bu.period_start::text, 'medium',
           jsonb_build_object('period_start', bu.period_start, 'period_end', bu.period_end,
             'spent', bu.spent, 'budget', bu.budget,
             'ratio', round(bu.spent / nullif(bu.budget, 0), 4))
      from private.budget_use(v_d, p_customer_ids) bu
      join th on th.customer_id = bu.customer_id
     where bu.spent > bu.budget
    union all
    select th.customer_id, th.owner_id, 'major_incident', i.id::text, 'high',
           jsonb_build_object('incident_kind', i.kind, 'occurred_on', i.occurred_on,
             'description', left(i.description, 200))
      from public.incidents i
      join th on th.customer_id = i.customer_id
     where i.deleted_at is null and i.kind <> 'minor' and i.occurred_on <= v_d
       and i.occurred_on > v_d - th.incident_n
       and (v_all or i.customer_id = any(v_ids))
    union all
    -- complaints due before D began, neither answered nor closed by the end of D (20261209200000)
    select th.customer_id, th.owner_id, 'complaint_unanswered', 'complaints',
           case when bool_or(k.severity = 'high') then 'high'
                when bool_or(k.severity = 'medium') then 'medium' else 'low' end,
           jsonb_build_object('complaints', count(*),
             'days_overdue', v_d - min((k.due_at at time zone v_tz)::date),
             'oldest_due', min((k.due_at at time zone v_tz)::date))
      from public.cases k
      join th on th.customer_id = k.customer_id
     where k.kind = 'complaint' and k.deleted_at is null and k.due_at < v_day_start
       and (k.answered_at is null or k.answered_at >= v_day_end)
       and (k.closed_at is null or k.closed_at >= v_day_end)
       and (v_all or k.customer_id = any(v_ids))
     group by th.customer_id, th.owner_id
  )
  select coalesce(array_agg(row(c.customer_id, c.owner_id, c.kind, c.cause_key, c.severity,
                                c.figures)::private.warning_condition
                            order by c.customer_id, c.kind, c.cause_key), '{}')
    into v_cond
    from cond c;

  -- 2: update and clear, then raise ------------------------------------------------------------
  -- Updating and clearing first leaves the INSERT only causes without an unresolved warning (a
  -- cleared cause is not among the conditions, an updated one stays open), so the order does
  -- not change the result.
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
  select 'updated'::text, u.id, u.customer_id, u.kind, u.cause_key, u.severity, u.status,
         u.figures, u.resolution
    from updated u
  union all
  select 'cleared', x.id, x.customer_id, x.kind, x.cause_key, x.severity, x.status, x.figures,
         x.resolution
    from cleared x;

  -- Raise the conditions that have no unresolved warning and were not resolved by a person while
  -- they held (warnings_one_open_per_cause_idx and warnings_suppressed_idx answer both per
  -- cause, whatever the scope). The conditions hold one row per cause, and the advisory lock
  -- keeps other evaluations out, so no ON CONFLICT is needed; the unique index still guards it.
  -- The foreign-key checks of the new rows run nested in this statement: back to the default
  -- plan_cache_mode, so that each check reuses its cached plan instead of planning again
  -- (force_custom_plan had planned every check: most of a first run's time).
  perform set_config('plan_cache_mode', 'auto', true);
  return query
  with
  raised as (
    insert into public.warnings as w (customer_id, kind, cause_key, severity, owner_id, figures)
    select c.customer_id, c.kind, c.cause_key, c.severity, c.owner_id, c.figures
      from unnest(v_cond) c
     where not exists (select from public.warnings o
                        where o.customer_id = c.customer_id and o.kind = c.kind
                          and o.cause_key = c.cause_key and o.status <> 'resolved')
       and not exists (select from public.warnings r
                        where r.customer_id = c.customer_id and r.kind = c.kind
                          and r.cause_key = c.cause_key and r.status = 'resolved'
                          and r.cleared_at is null)
    returning w.id, w.customer_id, w.kind, w.cause_key, w.severity, w.status, w.figures,
              w.resolution
  )
  select 'raised'::text, r.id, r.customer_id, r.kind, r.cause_key, r.severity, r.status,
         r.figures, r.resolution
    from raised r;
end
$$;

revoke all on function private.evaluate_warnings_core(uuid[], date) from public;
grant execute on function private.evaluate_warnings_core(uuid[], date) to service_role;

-- warning_message of 20261206100000_access_active.sql with the sentence of complaint_unanswered.
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
    when 'complaint_unanswered' then case when zh
      then format('%s 起客户投诉超过时限仍未答复，最久已逾期 %s 天（应于 %s 前答复）',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due')
      else format('Complaints past their due time without an answer: %s; the oldest is %s days overdue (due %s)',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due') end
    else null
  end;
end
$function$;

-- 8 schedule ------------------------------------------------------------------------------------
-- Where pg_cron exists (Supabase): cases are escalated every night just before the warnings are
-- evaluated (18:00 UTC, 20261201090000_company_clock.sql); elsewhere the CLI does both.

do $$
begin
  if exists (select from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('fieldsales-escalate-cases', '55 17 * * *',
      $job$select public.escalate_cases()$job$)$cron$;
  end if;
end
$$;

-- 9 grants --------------------------------------------------------------------------------------

revoke all on function private.case_event_internal(), private.case_for_action(uuid),
  private.open_incident_case(), private.open_complaint_case() from public;
grant execute on function private.case_event_internal(), private.case_for_action(uuid),
  private.open_incident_case(), private.open_complaint_case() to authenticated, service_role;

revoke all on function public.case_decide(uuid, text), public.case_answer(uuid, text),
  public.escalate_cases(timestamptz) from public, anon;
grant execute on function public.case_decide(uuid, text), public.case_answer(uuid, text)
  to authenticated, service_role;
grant execute on function public.escalate_cases(timestamptz) to authenticated, service_role;
revoke all on function public.warning_message(text, jsonb, text) from public, anon;
grant execute on function public.warning_message(text, jsonb, text) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
