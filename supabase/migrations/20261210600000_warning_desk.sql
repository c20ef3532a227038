-- Issue 17, the warnings desk (预警处理): warnings worked to a resolution by area managers and
-- managers, each action recorded with who and when. Sections: 1 settings, 2 tables (warning
-- events, the warning's link to an earlier one and its resolution category), 3 access, 4 the
-- actions, 5 the old lifecycle RPCs on top of the actions, 6 the desk and the detail, 7 snooze
-- and re-raise in the evaluator, 8 grants. Definitions: docs/warnings.md ("The warnings desk").

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('warning.snooze_days', '14',
   'A warning resolved by hand while its condition still holds is raised again (linked to it) this many days after its resolution')
on conflict (key) do nothing;

create or replace function private.check_warning_snooze_setting() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if jsonb_typeof(new.value) <> 'number'
     or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
     or (new.value #>> '{}')::numeric not between 1 and 365 then
    raise exception 'warning.snooze_days must be a whole number of days from 1 to 365 (got %)',
      new.value using errcode = '22023', detail = '预警暂缓天数必须是1到365之间的整数';
  end if;
  return new;
end
$$;
create trigger settings_warning_snooze_check
  before insert or update on public.settings
  for each row when (new.key = 'warning.snooze_days')
  execute function private.check_warning_snooze_setting();

-- Days a cause resolved by hand stays quiet (`warning.snooze_days`, default 14).
create or replace function private.warning_snooze_days() returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'warning.snooze_days' and s.deleted_at is null), 14)
$$;

-- 2 tables --------------------------------------------------------------------------------------

-- A warning raised again after a snooze names the one resolved by hand before it; a warning
-- resolved on the desk keeps its category.
alter table public.warnings add column previous_id uuid references public.warnings (id);
alter table public.warnings add column resolution_category text
  constraint warnings_resolution_category_check check (resolution_category in
    ('collected', 'plan_adjusted', 'supply_stopped', 'false_alarm', 'other'));
alter table public.warnings add constraint warnings_resolution_category_len
  check (char_length(resolution_category) <= 200);
create index warnings_previous_id_idx on public.warnings (previous_id);

-- The history of a warning: append-only (a trigger refuses updates and deletes).
create table public.warning_events (
  id uuid primary key default gen_random_uuid(),
  warning_id uuid not null references public.warnings (id),
  customer_id uuid not null references public.customers (id),
  actor_id uuid references public.profiles (id),
  at timestamptz not null default private.company_now(),
  action text not null constraint warning_events_action_check check (action in
    ('assigned', 'acknowledged', 'investigating', 'note', 'resolved')),
  note text,
  photo_ids uuid[] not null default '{}',
  category text constraint warning_events_category_check check (category in
    ('collected', 'plan_adjusted', 'supply_stopped', 'false_alarm', 'other')),
  from_status text,
  to_status text,
  owner_id uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint warning_events_action_len check (char_length(action) <= 200),
  constraint warning_events_note_len check (char_length(note) <= 4000),
  constraint warning_events_category_len check (char_length(category) <= 200),
  constraint warning_events_from_status_len check (char_length(from_status) <= 200),
  constraint warning_events_to_status_len check (char_length(to_status) <= 200),
  constraint warning_events_photo_ids_len check (cardinality(photo_ids) <= 20)
);
create index warning_events_warning_id_idx on public.warning_events (warning_id, at);
create index warning_events_customer_id_idx on public.warning_events (customer_id);
create index warning_events_actor_id_idx on public.warning_events (actor_id);
create index warning_events_owner_id_idx on public.warning_events (owner_id);

create or replace function private.guard_warning_event() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'the history of a warning is append-only' using errcode = '55000',
    detail = '预警处理记录只能追加，不能修改或删除';
end
$$;
create trigger warning_events_01_append_only before update or delete on public.warning_events
  for each row execute function private.guard_warning_event();
-- every photo of an event is a live photo of the warning's customer
create trigger warning_events_02_photo_ids before insert on public.warning_events
  for each row execute function private.check_photo_ids();

-- 3 access --------------------------------------------------------------------------------------
-- Staff read the events of the warnings they read (the customers in their scope); a dealer reads
-- none (a dealer reads no warnings table at all: its credit warnings come by dealer_account).
-- Nobody writes the events directly: the actions below do. People no longer update warnings
-- directly either: every step goes through an action, so that each is recorded.

alter table public.warning_events enable row level security;
create policy "Staff can read the history of warnings of their customers" on public.warning_events
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
revoke insert, update, delete on public.warning_events from authenticated;
revoke update on public.warnings from authenticated;

-- 4 actions -------------------------------------------------------------------------------------

-- The warning an action is about, locked: P0002 when the caller does not see it (a dealer sees
-- none), 55000 when it is resolved.
create or replace function private.warning_for_action(p_warning_id uuid) returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  row public.warnings;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into row from public.warnings w where w.id = p_warning_id for update;
  if not found or role not in ('rep', 'area_manager', 'manager')
     or (role <> 'manager' and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  if row.status = 'resolved' then
    raise exception 'a resolved warning stays resolved' using errcode = '55000',
      detail = '已解除的预警不能再处理';
  end if;
  return row;
end
$$;

-- A note's checks: required or not, at most 4,000 characters.
create or replace function private.warning_check_note(p_note text, p_required boolean)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_required and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写说明（note）';
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明（note）不能超过4000字';
  end if;
end
$$;

-- One step: the warning's new status/owner/resolution and its event, in one place. A note is
-- also appended to warnings.notes (kept to its last 4,000 characters), which phones pull.
create or replace function private.warning_step(
  w public.warnings, p_action text, p_to_status text, p_owner_id uuid, p_note text,
  p_photo_ids uuid[], p_category text)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  note text := nullif(btrim(coalesce(p_note, '')), '');
  now_ timestamptz := private.company_now();
  row public.warnings;
begin
  update public.warnings
     set status = p_to_status,
         owner_id = coalesce(p_owner_id, owner_id),
         acknowledged_at = case when p_to_status = 'acknowledged' then coalesce(acknowledged_at, now_)
                                else acknowledged_at end,
         resolved_at = case when p_to_status = 'resolved' then now_ else resolved_at end,
         resolution = case when p_to_status = 'resolved' then note else resolution end,
         resolution_category = case when p_to_status = 'resolved' then p_category
                                    else resolution_category end,
         notes = case when note is not null and p_to_status <> 'resolved'
                      then right(concat_ws(E'\n', notes, note), 4000) else notes end
   where id = w.id
  returning * into row;
  insert into public.warning_events (warning_id, customer_id, actor_id, at, action, note, photo_ids,
                                     category, from_status, to_status, owner_id)
  values (w.id, w.customer_id, (select auth.uid()), now_, p_action, note,
          coalesce(p_photo_ids, '{}'), p_category, w.status, p_to_status, row.owner_id);
  return row;
end
$$;

-- A new owner: area managers (their areas) and managers; the owner is an active rep or area
-- manager who serves the customer. The same owner again changes nothing.
create or replace function public.warning_assign(p_warning_id uuid, p_owner_id uuid,
                                                 p_note text default null)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  if p_owner_id is null then
    raise exception 'p_owner_id is required' using errcode = '22023', detail = '请选择负责人（owner）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                    and p.role in ('rep', 'area_manager')) then
    raise exception 'owner % is not an active rep or area manager', p_owner_id
      using errcode = 'P0002', detail = '负责人（owner）必须是在职的业务员或区域经理';
  end if;
  if not private.staff_sees_customer(p_owner_id, w.customer_id) then
    raise exception 'the owner must serve this customer' using errcode = '22023',
      detail = '负责人（owner）必须是负责该客户的业务员或区域经理';
  end if;
  perform private.warning_check_note(p_note, false);
  if p_owner_id = w.owner_id then
    return w;
  end if;
  return private.warning_step(w, 'assigned', w.status, p_owner_id, p_note, '{}', null);
end
$$;

-- Acknowledge (已确认): the owner, area managers (their areas), managers; open → acknowledged.
-- Acknowledging again changes nothing; a warning under investigation is past acknowledging.
create or replace function public.warning_acknowledge(p_warning_id uuid, p_note text default null)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('only the warning''s owner, an area manager or a manager acknowledges it',
                         '只有预警负责人、区域经理或销售经理可以确认预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'acknowledged' then
    return w;
  end if;
  if w.status <> 'open' then
    raise exception 'the warning is already under investigation' using errcode = '55000',
      detail = '预警已在调查中';
  end if;
  return private.warning_step(w, 'acknowledged', 'acknowledged', null, p_note, '{}', null);
end
$$;

-- An investigation note (调查记录) with photos: staff who see the customer (reps too, on their
-- customers' warnings). The first note moves an open or acknowledged warning to investigating.
create or replace function public.warning_add_note(p_warning_id uuid, p_note text,
                                                   p_photo_ids uuid[] default '{}')
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  perform private.warning_check_note(p_note, true);
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '照片（photo_ids）最多20张，且不能为空';
  end if;
  return private.warning_step(w, 'note', 'investigating', null, p_note, p_photo_ids, null);
end
$$;

-- Resolve (已解除) with a category and a note: area managers (their areas) and managers only.
create or replace function public.warning_resolve(p_warning_id uuid, p_category text, p_note text)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager resolves a warning',
                         '只有区域经理或销售经理可以解除预警');
  end if;
  if p_category is null or p_category not in ('collected', 'plan_adjusted', 'supply_stopped',
                                              'false_alarm', 'other') then
    raise exception 'category must be collected, plan_adjusted, supply_stopped, false_alarm or other'
      using errcode = '22023',
      detail = '处理结果（category）只能是收回欠款、调整计划、停止供货、误报或其他';
  end if;
  perform private.warning_check_note(p_note, true);
  return private.warning_step(w, 'resolved', 'resolved', null, p_note, '{}', p_category);
end
$$;

-- 5 the old lifecycle RPCs, now steps of the desk (same rules, each recorded) ----------------------

create or replace function public.set_warning_status(
  p_warning_id uuid, p_status text, p_note text default null)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
declare
  w public.warnings;
begin
  if p_warning_id is null then
    perform private.require_caller();
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  if p_status is null or p_status not in ('acknowledged', 'investigating', 'resolved') then
    perform private.require_caller();
    raise exception 'p_status must be acknowledged, investigating or resolved'
      using errcode = '22023', detail = '状态只能是 acknowledged（已确认）、investigating（调查中）或 resolved（已解除）';
  end if;
  if p_status = 'resolved' then
    w := private.warning_for_action(p_warning_id);
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager resolves a warning',
                           '只有区域经理或销售经理可以解除预警');
    end if;
    return public.warning_resolve(p_warning_id, 'other', p_note);
  end if;
  if p_status = 'acknowledged' then
    return public.warning_acknowledge(p_warning_id, p_note);
  end if;
  w := private.warning_for_action(p_warning_id);
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('you cannot change this warning', '你无权处理该预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'investigating' and p_note is null then
    return w;
  end if;
  return private.warning_step(w, case when nullif(btrim(coalesce(p_note, '')), '') is null
                                      then 'investigating' else 'note' end,
                              'investigating', null, p_note, '{}', null);
end
$$;

create or replace function public.assign_warning(p_warning_id uuid, p_owner_id uuid)
returns public.warnings
language plpgsql security definer set search_path = ''
as $$
begin
  return public.warning_assign(p_warning_id, p_owner_id, null);
end
$$;

-- 6 the desk and the detail ---------------------------------------------------------------------

-- Unresolved warnings in the caller's scope as of the company day p_as_of (default today), with
-- what the desk shows and filters by: customer, area, owner, the customer's rep, kind, severity,
-- the reason in one sentence (p_lang), age in days (p_as_of − the company day it was raised) and
-- overdue (private.warning_overdue, the one definition); overdue first, then high → low, then
-- the oldest. Security definer with the warnings policy's own scope as its filter (managers:
-- all; area managers and reps: private.staff_customer_ids()); a dealer is refused. Definer, since
-- warning_message checks its caller on every row when called by a person (5,000 checks cost
-- ~250 ms at the large scale), and it reads only names of staff who serve those customers.
create or replace function public.warning_desk(p_as_of date default null, p_lang text default 'zh')
returns table (id uuid, customer_id uuid, customer_code text, customer_name text, area_id uuid,
               area_name text, owner_id uuid, owner_name text, rep_id uuid, rep_name text,
               kind text, severity text, status text, message text, figures jsonb,
               raised_at timestamptz, age_days integer, due_on date, overdue boolean,
               previous_id uuid)
language plpgsql stable security definer set search_path = ''
as $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  tz text := private.company_tz();
  -- the caller's role (current_user is the owner inside security definer): people are scoped,
  -- the service side (service_role: reports, benchmarks) reads every warning
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if api then
    perform private.require_staff();
  end if;
  if p_lang is null or p_lang not in ('zh', 'en') then
    raise exception 'p_lang must be zh or en' using errcode = '22023', detail = '语言（p_lang）只能是 zh 或 en';
  end if;
  -- overdue depends on the severity and the company day raised only: computed once per pair
  -- (private.warning_overdue at the start of that day), not once per row
  return query
  with open_ as (
    select w.*, (w.raised_at at time zone tz)::date as raised_on
      from public.warnings w
     where w.status <> 'resolved'
       and (not api or (select private.is_manager())
            or w.customer_id in (select private.staff_customer_ids()))
  ),
  due as materialized (
    select d.severity, d.raised_on,
           private.warning_due_on(d.severity, private.day_start(d.raised_on)) as due_on,
           private.warning_overdue(d.severity, private.day_start(d.raised_on), 'open', as_of)
             as overdue
      from (select distinct o.severity, o.raised_on from open_ o) d
  )
  select w.id, w.customer_id, c.code, c.name, c.area_id, a.name, w.owner_id, o.full_name,
         c.owner_id, r.full_name, w.kind, w.severity, w.status,
         public.warning_message(w.kind, w.figures, p_lang), w.figures, w.raised_at,
         (as_of - w.raised_on)::integer, du.due_on, du.overdue, w.previous_id
    from open_ w
    join due du on du.severity = w.severity and du.raised_on = w.raised_on
    join public.customers c on c.id = w.customer_id
    left join public.areas a on a.id = c.area_id
    left join public.profiles o on o.id = w.owner_id
    left join public.profiles r on r.id = c.owner_id
   order by 19 desc, case w.severity when 'high' then 0 when 'medium' then 1 else 2 end,
            w.raised_at, w.id;
end
$$;

-- One warning with its sentence (zh and en), customer, owner, overdue as of today, and its
-- history with who acted, in order (at, then created_at: the real time, when the company clock
-- is frozen). P0002 when the caller does not see it (a dealer sees none).
create or replace function public.warning_detail(p_warning_id uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  w public.warnings;
  result jsonb;
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  select to_jsonb(w) || jsonb_build_object(
    'message_zh', public.warning_message(w.kind, w.figures, 'zh'),
    'message_en', public.warning_message(w.kind, w.figures, 'en'),
    'customer_name', c.name, 'customer_code', c.code, 'area_id', c.area_id,
    'rep_id', c.owner_id,
    'owner_name', (select p.full_name from public.profiles p where p.id = w.owner_id),
    'due_on', private.warning_due_on(w.severity, w.raised_at),
    'overdue', private.warning_overdue(w.severity, w.raised_at, w.status, private.company_today()),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.created_at, ev.id)
        from public.warning_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.warning_id = w.id), '[]'::jsonb))
    into result
    from public.customers c where c.id = w.customer_id;
  return result;
end
$$;

-- Who may own the warning (warning_assign's rule), for the assign picker.
create or replace function public.warning_staff(p_warning_id uuid)
returns table (id uuid, full_name text, role text)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  w public.warnings;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role in ('rep', 'area_manager') and private.staff_sees_customer(p.id, w.customer_id)
   order by case p.role when 'rep' then 0 else 1 end, p.full_name, p.id;
end
$$;

-- 7 snooze and re-raise: evaluate_warnings_core of 20261209200000_case_complaints.sql, changed in
-- its last statement only. A cause resolved by hand while it held (cleared_at null) is held back
-- while D < its company resolution day + warning.snooze_days; from then on it is raised again as
-- a new warning whose previous_id is that (latest) resolved one. A cause the evaluator saw clear
-- (cleared_at set, as before) raises at once when it comes back, with no previous_id. New
-- warnings are raised at the company clock's now (raised_at), from which age and overdue count.
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
  v_snooze integer := private.warning_snooze_days();
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
    insert into public.warnings as w (customer_id, kind, cause_key, severity, owner_id, figures,
                                      raised_at, previous_id)
    select c.customer_id, c.kind, c.cause_key, c.severity, c.owner_id, c.figures,
           private.company_now(),
           (select r.id from public.warnings r
             where r.customer_id = c.customer_id and r.kind = c.kind
               and r.cause_key = c.cause_key and r.status = 'resolved' and r.cleared_at is null
             order by r.resolved_at desc, r.id desc limit 1)
      from unnest(v_cond) c
     where not exists (select from public.warnings o
                        where o.customer_id = c.customer_id and o.kind = c.kind
                          and o.cause_key = c.cause_key and o.status <> 'resolved')
       and not exists (select from public.warnings r
                        where r.customer_id = c.customer_id and r.kind = c.kind
                          and r.cause_key = c.cause_key and r.status = 'resolved'
                          and r.cleared_at is null
                          and v_d < (r.resolved_at at time zone v_tz)::date + v_snooze)
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

-- 8 grants --------------------------------------------------------------------------------------

revoke all on function private.check_warning_snooze_setting(), private.warning_snooze_days(),
  private.guard_warning_event(), private.warning_for_action(uuid),
  private.warning_check_note(text, boolean),
  private.warning_step(public.warnings, text, text, uuid, text, uuid[], text) from public, anon;
-- the actions are security definer and call these as their owner: people never need them
grant execute on function private.warning_snooze_days(), private.guard_warning_event(),
  private.warning_for_action(uuid), private.warning_check_note(text, boolean),
  private.warning_step(public.warnings, text, text, uuid, text, uuid[], text)
  to service_role;

revoke all on function public.warning_assign(uuid, uuid, text), public.warning_acknowledge(uuid, text),
  public.warning_add_note(uuid, text, uuid[]), public.warning_resolve(uuid, text, text),
  public.warning_desk(date, text), public.warning_detail(uuid), public.warning_staff(uuid),
  public.set_warning_status(uuid, text, text), public.assign_warning(uuid, uuid)
  from public, anon;
grant execute on function public.warning_assign(uuid, uuid, text), public.warning_acknowledge(uuid, text),
  public.warning_add_note(uuid, text, uuid[]), public.warning_resolve(uuid, text, text),
  public.warning_desk(date, text), public.warning_detail(uuid), public.warning_staff(uuid),
  public.set_warning_status(uuid, text, text), public.assign_warning(uuid, uuid)
  to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
