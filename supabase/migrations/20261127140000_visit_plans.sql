-- Visit plans: submission and withdrawal by the rep, a log of every decision, the approved
-- route of a day (Today), and plan versus actual per rep and week.
-- Sections: 1 settings, 2 decision log, 3 RPC functions, 4 grants.
-- Days are local calendar days in Asia/Shanghai (the business runs on China time).

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('visit.avg_speed_kmh', '25', 'Average travel speed between outlets, for day estimates (km/h)'),
  ('visit.duration_min', '{"A": 40, "B": 30, "C": 20, "D": 15}',
   'Expected visit duration by grade, for day estimates (minutes)')
on conflict (key) do nothing;

-- 2 decision log ------------------------------------------------------------------------------
-- Written only by a trigger on visit_plans, so that every decision is recorded however it was
-- made (RPC, direct update, sync push). Append-only: the API has no write privilege at all.

create table public.visit_plan_decisions (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references public.visit_plans (id),
  rep_id uuid not null references public.profiles (id), -- the plan's rep, for the read policy
  decided_by uuid not null references public.profiles (id),
  decided_at timestamptz not null,
  decision text not null check (decision in ('approved', 'rejected')),
  comment text,
  created_at timestamptz not null default now()
);
create index visit_plan_decisions_plan_id_idx on public.visit_plan_decisions (plan_id, decided_at);
create index visit_plan_decisions_rep_id_idx on public.visit_plan_decisions (rep_id);
create index visit_plan_decisions_decided_by_idx on public.visit_plan_decisions (decided_by);
alter table public.visit_plan_decisions enable row level security;

create policy "Reps and their approvers can read plan decisions" on public.visit_plan_decisions
  for select to authenticated using (
    rep_id = (select auth.uid()) or rep_id in (select private.managed_rep_ids()));
revoke insert, update, delete, truncate on public.visit_plan_decisions from authenticated, anon;

create or replace function private.record_plan_decision() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return null;
  end if;
  insert into public.visit_plan_decisions (plan_id, rep_id, decided_by, decided_at, decision, comment)
  values (new.id, new.rep_id, new.decided_by, new.decided_at, new.status, new.decision_comment);
  return null;
end
$$;
revoke all on function private.record_plan_decision() from public;
grant execute on function private.record_plan_decision() to authenticated;

create trigger visit_plans_record_decision
  after insert or update of status on public.visit_plans
  for each row when (new.status in ('approved', 'rejected'))
  execute function private.record_plan_decision();

-- 3 RPC functions -------------------------------------------------------------------------------
-- Security invoker like the other RPCs: RLS and private.guard_visit_plan decide; the functions
-- check arguments, caller and state first so that every failure is one clear error.

-- The caller's own plan, locked; P0002 for a plan they cannot see, 42501 for someone else's.
create or replace function private.own_plan_for_change(p_plan_id uuid) returns public.visit_plans
language plpgsql set search_path = ''
as $$
declare
  who uuid := private.require_caller();
  plan public.visit_plans;
begin
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if (select private.my_role()) <> 'rep' then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  select * into plan from public.visit_plans p
  where p.id = p_plan_id and p.deleted_at is null;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002',
      detail = '找不到该拜访计划';
  end if;
  if plan.rep_id <> who then
    perform private.deny('only the rep submits or withdraws their own plan',
                         '只有业务员本人可以提交或撤回计划');
  end if;
  perform 1 from public.visit_plans p where p.id = p_plan_id for update;
  select * into plan from public.visit_plans p where p.id = p_plan_id;
  return plan;
end
$$;
revoke all on function private.own_plan_for_change(uuid) from public;
grant execute on function private.own_plan_for_change(uuid) to authenticated;

create or replace function public.submit_visit_plan(p_plan_id uuid)
returns public.visit_plans
language plpgsql security invoker set search_path = ''
as $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
  outside integer;
begin
  if plan.status = 'submitted' then
    raise exception 'the plan is already submitted' using errcode = '55000',
      detail = '该计划已提交，等待审批';
  end if;
  if plan.status = 'approved' then
    raise exception 'an approved plan cannot be submitted again' using errcode = '55000',
      detail = '已批准的计划不能再次提交';
  end if;
  if not exists (select from public.visit_plan_stops s
                 where s.plan_id = plan.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  select count(*) into outside from public.visit_plan_stops s
  where s.plan_id = plan.id and s.deleted_at is null
    and s.visit_date not between plan.week_start and plan.week_start + 6;
  if outside > 0 then
    raise exception '% stop(s) fall outside the plan''s week of %', outside, plan.week_start
      using errcode = '22023', detail = format('有 %s 个拜访点不在计划所在的周内', outside);
  end if;
  update public.visit_plans set status = 'submitted' where id = plan.id returning * into plan;
  return plan;
end
$$;

create or replace function public.withdraw_visit_plan(p_plan_id uuid)
returns public.visit_plans
language plpgsql security invoker set search_path = ''
as $$
declare
  plan public.visit_plans := private.own_plan_for_change(p_plan_id);
begin
  if plan.status in ('approved', 'rejected') then
    raise exception 'a decided plan cannot be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '计划已审批，不能撤回';
  end if;
  if plan.status <> 'submitted' then
    raise exception 'only a submitted plan can be withdrawn (it is %)', plan.status
      using errcode = '55000', detail = '只有已提交的计划可以撤回';
  end if;
  update public.visit_plans set status = 'withdrawn' where id = plan.id returning * into plan;
  return plan;
end
$$;

-- The caller's approved stops of a day in visiting order: what the Today screen shows.
create or replace function public.todays_route(p_day date default null)
returns table (
  plan_id uuid, stop_id uuid, visit_date date, seq integer, customer_id uuid,
  customer_code text, customer_name text, address text, lat double precision,
  lng double precision, grade char(1))
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  who uuid := private.require_caller();
  day date := coalesce(p_day, (now() at time zone 'Asia/Shanghai')::date);
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
$$;

-- Per rep of the week: planned stops (of approved plans), done (a done visit of that customer
-- on the planned day), missed (past days, not done), pending (today or later, not yet done),
-- unplanned visits (matching no planned stop), off-site check-ins, visits, and the average
-- duration of done visits (check-out − check-in). Cancelled and deleted visits do not count.
-- Security invoker: a rep sees their own row, an area manager their reps, a manager all reps;
-- the service side (not an API role) sees all.
create or replace function public.plan_vs_actual(p_week_start date, p_rep_id uuid default null)
returns table (
  rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text, week_start date,
  plan_status text, planned integer, done integer, missed integer, pending integer,
  unplanned integer, offsite integer, visits integer, timed_visits integer,
  avg_duration_min numeric)
language plpgsql stable security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  service boolean := current_user not in ('authenticated', 'anon');
  who uuid;
  today date := (now() at time zone 'Asia/Shanghai')::date;
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
  week_from := p_week_start::timestamp at time zone 'Asia/Shanghai';
  week_to := (p_week_start + 7)::timestamp at time zone 'Asia/Shanghai';
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
             (v.checkin_at at time zone 'Asia/Shanghai')::date as day
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
$$;

-- 4 grants ------------------------------------------------------------------------------------

revoke all on function public.submit_visit_plan(uuid), public.withdraw_visit_plan(uuid),
  public.todays_route(date), public.plan_vs_actual(date, uuid)
  from public, anon;
grant execute on function public.submit_visit_plan(uuid), public.withdraw_visit_plan(uuid),
  public.todays_route(date), public.plan_vs_actual(date, uuid)
  to authenticated, service_role;
