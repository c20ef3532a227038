-- Issue 19, part 1: the Chinese working calendar (工作日历) and visits that say what happened.
-- Sections: 1 the statutory calendar (private.statutory_days, from chinese-calendar), 2 the
-- company's own days (setting calendar.days, managers only, synced with the other settings) and
-- its check, 3 private.is_working_day(date), 4 empty visits (visits.empty_reason, empty_note),
-- 5 plan_vs_actual counts visits with nothing recorded apart (empty, empty_visits), 6 grants.
--
-- Decisions (docs/calendar.md): the company's days are a setting, not a table: managers already
-- own settings (RLS), phones already pull them, and the settings audit records every change. The
-- statutory days are reference data the server alone reads (private); the phone asks the same
-- package. The migration carries the package's days of 2020–2026 (chinese-calendar 1.11.0);
-- tests/db/test_working_calendar.py fails when they drift apart. A year the package does not
-- know yet (2027 until it is published each November) is Monday–Friday plus calendar.days.

-- 1 the statutory calendar ---------------------------------------------------------------------

create table private.statutory_days (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),  -- off; a make-up working day 调休
  name text not null
);
revoke all on private.statutory_days from public, anon, authenticated;
grant select on private.statutory_days to service_role;

insert into private.statutory_days (day, kind, name) values
  ('2020-01-01', 'holiday', 'New Year''s Day'),
  ('2020-01-19', 'workday', 'Spring Festival'),
  ('2020-01-24', 'holiday', 'Spring Festival'),
  ('2020-01-25', 'holiday', 'Spring Festival'),
  ('2020-01-26', 'holiday', 'Spring Festival'),
  ('2020-01-27', 'holiday', 'Spring Festival'),
  ('2020-01-28', 'holiday', 'Spring Festival'),
  ('2020-01-29', 'holiday', 'Spring Festival'),
  ('2020-01-30', 'holiday', 'Spring Festival'),
  ('2020-01-31', 'holiday', 'Spring Festival'),
  ('2020-02-01', 'holiday', 'Spring Festival'),
  ('2020-02-02', 'holiday', 'Spring Festival'),
  ('2020-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2020-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2020-04-06', 'holiday', 'Tomb-sweeping Day'),
  ('2020-04-26', 'workday', 'Labour Day'),
  ('2020-05-01', 'holiday', 'Labour Day'),
  ('2020-05-02', 'holiday', 'Labour Day'),
  ('2020-05-03', 'holiday', 'Labour Day'),
  ('2020-05-04', 'holiday', 'Labour Day'),
  ('2020-05-05', 'holiday', 'Labour Day'),
  ('2020-05-09', 'workday', 'Labour Day'),
  ('2020-06-25', 'holiday', 'Dragon Boat Festival'),
  ('2020-06-26', 'holiday', 'Dragon Boat Festival'),
  ('2020-06-27', 'holiday', 'Dragon Boat Festival'),
  ('2020-06-28', 'workday', 'Dragon Boat Festival'),
  ('2020-09-27', 'workday', 'National Day'),
  ('2020-10-01', 'holiday', 'National Day'),
  ('2020-10-02', 'holiday', 'National Day'),
  ('2020-10-03', 'holiday', 'National Day'),
  ('2020-10-04', 'holiday', 'National Day'),
  ('2020-10-05', 'holiday', 'National Day'),
  ('2020-10-06', 'holiday', 'National Day'),
  ('2020-10-07', 'holiday', 'National Day'),
  ('2020-10-08', 'holiday', 'National Day'),
  ('2020-10-10', 'workday', 'National Day'),
  ('2021-01-01', 'holiday', 'New Year''s Day'),
  ('2021-01-02', 'holiday', 'New Year''s Day'),
  ('2021-01-03', 'holiday', 'New Year''s Day'),
  ('2021-02-07', 'workday', 'Spring Festival'),
  ('2021-02-11', 'holiday', 'Spring Festival'),
  ('2021-02-12', 'holiday', 'Spring Festival'),
  ('2021-02-13', 'holiday', 'Spring Festival'),
  ('2021-02-14', 'holiday', 'Spring Festival'),
  ('2021-02-15', 'holiday', 'Spring Festival'),
  ('2021-02-16', 'holiday', 'Spring Festival'),
  ('2021-02-17', 'holiday', 'Spring Festival'),
  ('2021-02-20', 'workday', 'Spring Festival'),
  ('2021-04-03', 'holiday', 'Tomb-sweeping Day'),
  ('2021-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2021-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2021-04-25', 'workday', 'Labour Day'),
  ('2021-05-01', 'holiday', 'Labour Day'),
  ('2021-05-02', 'holiday', 'Labour Day'),
  ('2021-05-03', 'holiday', 'Labour Day'),
  ('2021-05-04', 'holiday', 'Labour Day'),
  ('2021-05-05', 'holiday', 'Labour Day'),
  ('2021-05-08', 'workday', 'Labour Day'),
  ('2021-06-12', 'holiday', 'Dragon Boat Festival'),
  ('2021-06-13', 'holiday', 'Dragon Boat Festival'),
  ('2021-06-14', 'holiday', 'Dragon Boat Festival'),
  ('2021-09-18', 'workday', 'Mid-autumn Festival'),
  ('2021-09-19', 'holiday', 'Mid-autumn Festival'),
  ('2021-09-20', 'holiday', 'Mid-autumn Festival'),
  ('2021-09-21', 'holiday', 'Mid-autumn Festival'),
  ('2021-09-26', 'workday', 'National Day'),
  ('2021-10-01', 'holiday', 'National Day'),
  ('2021-10-02', 'holiday', 'National Day'),
  ('2021-10-03', 'holiday', 'National Day'),
  ('2021-10-04', 'holiday', 'National Day'),
  ('2021-10-05', 'holiday', 'National Day'),
  ('2021-10-06', 'holiday', 'National Day'),
  ('2021-10-07', 'holiday', 'National Day'),
  ('2021-10-09', 'workday', 'National Day'),
  ('2022-01-01', 'holiday', 'New Year''s Day'),
  ('2022-01-02', 'holiday', 'New Year''s Day'),
  ('2022-01-03', 'holiday', 'New Year''s Day'),
  ('2022-01-29', 'workday', 'Spring Festival'),
  ('2022-01-30', 'workday', 'Spring Festival'),
  ('2022-01-31', 'holiday', 'Spring Festival'),
  ('2022-02-01', 'holiday', 'Spring Festival'),
  ('2022-02-02', 'holiday', 'Spring Festival'),
  ('2022-02-03', 'holiday', 'Spring Festival'),
  ('2022-02-04', 'holiday', 'Spring Festival'),
  ('2022-02-05', 'holiday', 'Spring Festival'),
  ('2022-02-06', 'holiday', 'Spring Festival'),
  ('2022-04-02', 'workday', 'Tomb-sweeping Day'),
  ('2022-04-03', 'holiday', 'Tomb-sweeping Day'),
  ('2022-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2022-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2022-04-24', 'workday', 'Labour Day'),
  ('2022-04-30', 'holiday', 'Labour Day'),
  ('2022-05-01', 'holiday', 'Labour Day'),
  ('2022-05-02', 'holiday', 'Labour Day'),
  ('2022-05-03', 'holiday', 'Labour Day'),
  ('2022-05-04', 'holiday', 'Labour Day'),
  ('2022-05-07', 'workday', 'Labour Day'),
  ('2022-06-03', 'holiday', 'Dragon Boat Festival'),
  ('2022-06-04', 'holiday', 'Dragon Boat Festival'),
  ('2022-06-05', 'holiday', 'Dragon Boat Festival'),
  ('2022-09-10', 'holiday', 'Mid-autumn Festival'),
  ('2022-09-11', 'holiday', 'Mid-autumn Festival'),
  ('2022-09-12', 'holiday', 'Mid-autumn Festival'),
  ('2022-10-01', 'holiday', 'National Day'),
  ('2022-10-02', 'holiday', 'National Day'),
  ('2022-10-03', 'holiday', 'National Day'),
  ('2022-10-04', 'holiday', 'National Day'),
  ('2022-10-05', 'holiday', 'National Day'),
  ('2022-10-06', 'holiday', 'National Day'),
  ('2022-10-07', 'holiday', 'National Day'),
  ('2022-10-08', 'workday', 'National Day'),
  ('2022-10-09', 'workday', 'National Day'),
  ('2022-12-31', 'holiday', 'New Year''s Day'),
  ('2023-01-01', 'holiday', 'New Year''s Day'),
  ('2023-01-02', 'holiday', 'New Year''s Day'),
  ('2023-01-21', 'holiday', 'Spring Festival'),
  ('2023-01-22', 'holiday', 'Spring Festival'),
  ('2023-01-23', 'holiday', 'Spring Festival'),
  ('2023-01-24', 'holiday', 'Spring Festival'),
  ('2023-01-25', 'holiday', 'Spring Festival'),
  ('2023-01-26', 'holiday', 'Spring Festival'),
  ('2023-01-27', 'holiday', 'Spring Festival'),
  ('2023-01-28', 'workday', 'Spring Festival'),
  ('2023-01-29', 'workday', 'Spring Festival'),
  ('2023-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2023-04-23', 'workday', 'Labour Day'),
  ('2023-04-29', 'holiday', 'Labour Day'),
  ('2023-04-30', 'holiday', 'Labour Day'),
  ('2023-05-01', 'holiday', 'Labour Day'),
  ('2023-05-02', 'holiday', 'Labour Day'),
  ('2023-05-03', 'holiday', 'Labour Day'),
  ('2023-05-06', 'workday', 'Labour Day'),
  ('2023-06-22', 'holiday', 'Dragon Boat Festival'),
  ('2023-06-23', 'holiday', 'Dragon Boat Festival'),
  ('2023-06-24', 'holiday', 'Dragon Boat Festival'),
  ('2023-06-25', 'workday', 'Dragon Boat Festival'),
  ('2023-09-29', 'holiday', 'Mid-autumn Festival'),
  ('2023-09-30', 'holiday', 'National Day'),
  ('2023-10-01', 'holiday', 'National Day'),
  ('2023-10-02', 'holiday', 'National Day'),
  ('2023-10-03', 'holiday', 'National Day'),
  ('2023-10-04', 'holiday', 'National Day'),
  ('2023-10-05', 'holiday', 'National Day'),
  ('2023-10-06', 'holiday', 'National Day'),
  ('2023-10-07', 'workday', 'National Day'),
  ('2023-10-08', 'workday', 'National Day'),
  ('2023-12-30', 'holiday', 'New Year''s Day'),
  ('2023-12-31', 'holiday', 'New Year''s Day'),
  ('2024-01-01', 'holiday', 'New Year''s Day'),
  ('2024-02-04', 'workday', 'Spring Festival'),
  ('2024-02-10', 'holiday', 'Spring Festival'),
  ('2024-02-11', 'holiday', 'Spring Festival'),
  ('2024-02-12', 'holiday', 'Spring Festival'),
  ('2024-02-13', 'holiday', 'Spring Festival'),
  ('2024-02-14', 'holiday', 'Spring Festival'),
  ('2024-02-15', 'holiday', 'Spring Festival'),
  ('2024-02-16', 'holiday', 'Spring Festival'),
  ('2024-02-17', 'holiday', 'Spring Festival'),
  ('2024-02-18', 'workday', 'Spring Festival'),
  ('2024-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2024-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2024-04-06', 'holiday', 'Tomb-sweeping Day'),
  ('2024-04-07', 'workday', 'Tomb-sweeping Day'),
  ('2024-04-28', 'workday', 'Labour Day'),
  ('2024-05-01', 'holiday', 'Labour Day'),
  ('2024-05-02', 'holiday', 'Labour Day'),
  ('2024-05-03', 'holiday', 'Labour Day'),
  ('2024-05-04', 'holiday', 'Labour Day'),
  ('2024-05-05', 'holiday', 'Labour Day'),
  ('2024-05-11', 'workday', 'Labour Day'),
  ('2024-06-10', 'holiday', 'Dragon Boat Festival'),
  ('2024-09-14', 'workday', 'Mid-autumn Festival'),
  ('2024-09-15', 'holiday', 'Mid-autumn Festival'),
  ('2024-09-16', 'holiday', 'Mid-autumn Festival'),
  ('2024-09-17', 'holiday', 'Mid-autumn Festival'),
  ('2024-09-29', 'workday', 'National Day'),
  ('2024-10-01', 'holiday', 'National Day'),
  ('2024-10-02', 'holiday', 'National Day'),
  ('2024-10-03', 'holiday', 'National Day'),
  ('2024-10-04', 'holiday', 'National Day'),
  ('2024-10-05', 'holiday', 'National Day'),
  ('2024-10-06', 'holiday', 'National Day'),
  ('2024-10-07', 'holiday', 'National Day'),
  ('2024-10-12', 'workday', 'National Day'),
  ('2025-01-01', 'holiday', 'New Year''s Day'),
  ('2025-01-26', 'workday', 'Spring Festival'),
  ('2025-01-28', 'holiday', 'Spring Festival'),
  ('2025-01-29', 'holiday', 'Spring Festival'),
  ('2025-01-30', 'holiday', 'Spring Festival'),
  ('2025-01-31', 'holiday', 'Spring Festival'),
  ('2025-02-01', 'holiday', 'Spring Festival'),
  ('2025-02-02', 'holiday', 'Spring Festival'),
  ('2025-02-03', 'holiday', 'Spring Festival'),
  ('2025-02-04', 'holiday', 'Spring Festival'),
  ('2025-02-08', 'workday', 'Spring Festival'),
  ('2025-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2025-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2025-04-06', 'holiday', 'Tomb-sweeping Day'),
  ('2025-04-27', 'workday', 'Labour Day'),
  ('2025-05-01', 'holiday', 'Labour Day'),
  ('2025-05-02', 'holiday', 'Labour Day'),
  ('2025-05-03', 'holiday', 'Labour Day'),
  ('2025-05-04', 'holiday', 'Labour Day'),
  ('2025-05-05', 'holiday', 'Labour Day'),
  ('2025-05-31', 'holiday', 'Dragon Boat Festival'),
  ('2025-06-01', 'holiday', 'Dragon Boat Festival'),
  ('2025-06-02', 'holiday', 'Dragon Boat Festival'),
  ('2025-09-28', 'workday', 'National Day'),
  ('2025-10-01', 'holiday', 'National Day'),
  ('2025-10-02', 'holiday', 'National Day'),
  ('2025-10-03', 'holiday', 'National Day'),
  ('2025-10-04', 'holiday', 'National Day'),
  ('2025-10-05', 'holiday', 'National Day'),
  ('2025-10-06', 'holiday', 'Mid-autumn Festival'),
  ('2025-10-07', 'holiday', 'National Day'),
  ('2025-10-08', 'holiday', 'National Day'),
  ('2025-10-11', 'workday', 'National Day'),
  ('2026-01-01', 'holiday', 'New Year''s Day'),
  ('2026-01-02', 'holiday', 'New Year''s Day'),
  ('2026-01-03', 'holiday', 'New Year''s Day'),
  ('2026-01-04', 'workday', 'New Year''s Day'),
  ('2026-02-14', 'workday', 'Spring Festival'),
  ('2026-02-15', 'holiday', 'Spring Festival'),
  ('2026-02-16', 'holiday', 'Spring Festival'),
  ('2026-02-17', 'holiday', 'Spring Festival'),
  ('2026-02-18', 'holiday', 'Spring Festival'),
  ('2026-02-19', 'holiday', 'Spring Festival'),
  ('2026-02-20', 'holiday', 'Spring Festival'),
  ('2026-02-21', 'holiday', 'Spring Festival'),
  ('2026-02-22', 'holiday', 'Spring Festival'),
  ('2026-02-23', 'holiday', 'Spring Festival'),
  ('2026-02-28', 'workday', 'Spring Festival'),
  ('2026-04-04', 'holiday', 'Tomb-sweeping Day'),
  ('2026-04-05', 'holiday', 'Tomb-sweeping Day'),
  ('2026-04-06', 'holiday', 'Tomb-sweeping Day'),
  ('2026-05-01', 'holiday', 'Labour Day'),
  ('2026-05-02', 'holiday', 'Labour Day'),
  ('2026-05-03', 'holiday', 'Labour Day'),
  ('2026-05-04', 'holiday', 'Labour Day'),
  ('2026-05-05', 'holiday', 'Labour Day'),
  ('2026-05-09', 'workday', 'Labour Day'),
  ('2026-06-19', 'holiday', 'Dragon Boat Festival'),
  ('2026-06-20', 'holiday', 'Dragon Boat Festival'),
  ('2026-06-21', 'holiday', 'Dragon Boat Festival'),
  ('2026-09-20', 'workday', 'National Day'),
  ('2026-09-25', 'holiday', 'Mid-autumn Festival'),
  ('2026-09-26', 'holiday', 'Mid-autumn Festival'),
  ('2026-09-27', 'holiday', 'Mid-autumn Festival'),
  ('2026-10-01', 'holiday', 'National Day'),
  ('2026-10-02', 'holiday', 'National Day'),
  ('2026-10-03', 'holiday', 'National Day'),
  ('2026-10-04', 'holiday', 'National Day'),
  ('2026-10-05', 'holiday', 'National Day'),
  ('2026-10-06', 'holiday', 'National Day'),
  ('2026-10-07', 'holiday', 'National Day'),
  ('2026-10-10', 'workday', 'National Day');

-- 2 the company's own days ----------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('calendar.days', '{}',
   'The company''s working calendar over the statutory one: {"YYYY-MM-DD": {"kind": "holiday" or "workday", "note": "…"}}, e.g. next year''s official schedule before the app knows it')
on conflict (key) do nothing;

create or replace function private.check_calendar_days() returns trigger
language plpgsql set search_path = ''
as $$
declare
  k text;
  v jsonb;
  d date;
begin
  if new.key <> 'calendar.days' then
    return new;
  end if;
  if jsonb_typeof(new.value) <> 'object' then
    raise exception 'calendar.days must be an object of days (got %)', jsonb_typeof(new.value)
      using errcode = '22023', detail = '工作日历（calendar.days）必须是“日期 → 类型”的对象';
  end if;
  for k, v in select * from jsonb_each(new.value) loop
    begin
      d := k::date;
    exception when others then
      d := null;
    end;
    if d is null or k !~ '^\d{4}-\d{2}-\d{2}$' then
      raise exception 'calendar.days: % is not a date (YYYY-MM-DD)', k
        using errcode = '22023', detail = format('工作日历：日期 %s 无效（应为 YYYY-MM-DD）', k);
    end if;
    if jsonb_typeof(v) <> 'object' or coalesce(v ->> 'kind', '') not in ('holiday', 'workday') then
      raise exception 'calendar.days: % needs kind holiday or workday (got %)', k, v
        using errcode = '22023',
        detail = format('工作日历：%s 的类型须为 holiday（休）或 workday（班）', k);
    end if;
    if v ? 'note' and (jsonb_typeof(v -> 'note') <> 'string' or char_length(v ->> 'note') > 200) then
      raise exception 'calendar.days: the note of % must be text of at most 200 characters', k
        using errcode = '22023', detail = format('工作日历：%s 的备注应为最多 200 字的文字', k);
    end if;
  end loop;
  return new;
end
$$;
create trigger settings_calendar_days_check
  before insert or update on public.settings
  for each row execute function private.check_calendar_days();

-- 3 one answer for "is this a working day" --------------------------------------------------------

-- The company's override, else the statutory calendar, else Monday to Friday. Security definer:
-- the calendar is the company's for every caller (settings are staff-readable only), and it reads
-- nothing else.
create or replace function private.is_working_day(p_day date) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select (s.value -> p_day::text ->> 'kind') = 'workday' from public.settings s
      where s.key = 'calendar.days' and s.deleted_at is null and s.value ? p_day::text),
    (select sd.kind = 'workday' from private.statutory_days sd where sd.day = p_day),
    extract(isodow from p_day) < 6)
$$;

-- 4 empty visits ------------------------------------------------------------------------------

-- A visit checked out with nothing recorded says why: closed 关门, owner absent 老板不在,
-- refused 拒绝, other 其他 (with a note). Only a finished visit carries one.
alter table public.visits
  add column empty_reason text
    check (empty_reason in ('closed', 'owner_absent', 'refused', 'other')),
  add column empty_note text;
alter table public.visits
  add constraint visits_empty_reason_len check (char_length(empty_reason) <= 200),
  add constraint visits_empty_note_len check (char_length(empty_note) <= 200),
  add constraint visits_empty_check check (
    empty_reason is null and empty_note is null
    or status = 'done' and empty_reason is not null
       and (empty_reason <> 'other' or length(btrim(coalesce(empty_note, ''))) > 0));

-- 5 plan versus actual: visits with nothing recorded apart ------------------------------------------

-- As 20261212200000, with: done counts the planned stops visited with something recorded; empty
-- the planned stops visited with nothing recorded (已拜访·无记录: every done visit of the stop's
-- day carries an empty_reason); empty_visits the week's finished visits with nothing recorded,
-- planned or not. planned = done + empty + missed + pending.
drop function public.plan_vs_actual(date, uuid);
create function public.plan_vs_actual(p_week_start date, p_rep_id uuid default null)
returns table (rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text,
               week_start date, plan_status text, planned integer, done integer, missed integer,
               pending integer, unplanned integer, offsite integer, visits integer,
               timed_visits integer, avg_duration_min numeric, exec_planned integer,
               exec_done integer, empty integer, empty_visits integer)
language plpgsql stable set search_path = ''
as $$
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
             v.empty_reason, (v.checkin_at at time zone tz)::date as day
      from public.visits v
      where v.rep_id in (select r.id from reps r) and v.deleted_at is null
        and v.status <> 'cancelled' and v.checkin_at >= week_from and v.checkin_at < week_to
    ),
    -- matched by hash joins on (rep, customer, day), never by a scan per row
    done_days as (
      select wv.rep_id, wv.customer_id, wv.day, bool_or(wv.empty_reason is null) as content
      from wv where wv.status = 'done'
      group by wv.rep_id, wv.customer_id, wv.day
    ),
    stop_days as (
      select distinct st.rep_id, st.customer_id, st.visit_date from stops st
    ),
    per_stop as (
      select st.rep_id, count(*)::integer as planned,
             (count(*) filter (where dd.content))::integer as done,
             (count(*) filter (where not dd.content))::integer as empty,
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
               as avg_duration_min,
             (count(*) filter (where wv.status = 'done' and wv.empty_reason is not null))::integer
               as empty_visits
      from wv
      left join stop_days sd on sd.rep_id = wv.rep_id and sd.customer_id = wv.customer_id
                            and sd.visit_date = wv.day
      group by wv.rep_id
    ),
    -- executive visits of the rep's own customers (the owner), planned in the week
    per_exec as (
      select c.owner_id as rep_id,
             (count(*) filter (where ev.status <> 'cancelled'))::integer as planned,
             (count(*) filter (where ev.status = 'done'))::integer as done
      from public.executive_visits ev
      join public.customers c on c.id = ev.customer_id
      where ev.deleted_at is null and ev.planned_on >= p_week_start
        and ev.planned_on < p_week_start + 7 and c.owner_id in (select r.id from reps r)
      group by c.owner_id
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
           coalesce(v.visits, 0), coalesce(v.timed_visits, 0), v.avg_duration_min,
           coalesce(e.planned, 0), coalesce(e.done, 0), coalesce(s.empty, 0),
           coalesce(v.empty_visits, 0)
    from reps r
    left join public.areas a on a.id = r.area_id
    left join per_stop s on s.rep_id = r.id
    left join per_visit v on v.rep_id = r.id
    left join per_exec e on e.rep_id = r.id
    left join plan_status ps on ps.rep_id = r.id
    where r.active or ps.status is not null or v.visits is not null or e.planned is not null
    order by a.code nulls last, r.full_name, r.id;
end
$$;

-- 6 grants --------------------------------------------------------------------------------------


-- 6 grants --------------------------------------------------------------------------------------

revoke all on function private.check_calendar_days() from public, anon;
revoke all on function private.is_working_day(date) from public, anon;
grant execute on function private.is_working_day(date) to authenticated, service_role;
revoke all on function public.plan_vs_actual(date, uuid) from public, anon;
grant execute on function public.plan_vs_actual(date, uuid) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
