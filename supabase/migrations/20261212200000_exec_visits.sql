-- Issue 18, part 3 (A): executive visits (高层拜访, "三是制定实施主管领导拜访计划"): a manager or an
-- area manager plans a visit of an executive (a manager or area manager) to a customer, then
-- records it done with its outcome, or cancels it. Sections: 1 the table, 2 access, 3 sync to the
-- phones (the map's layer, the customer card), 4 the RPCs, 5 plan versus actual, 6 grants.
--
-- Status moves only through the RPCs: the API roles have no insert, update or delete on the
-- table, so a PATCH or a sync_push upsert of a status is refused (tests/db/test_guarded_transitions.py).

-- 1 the table -----------------------------------------------------------------------------------

create table public.executive_visits (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  executive_id uuid not null references public.profiles (id),
  planned_on date not null,
  purpose text not null,
  status text not null default 'planned'
    constraint executive_visits_status_check check (status in ('planned', 'done', 'cancelled')),
  done_on date,
  outcome text,
  cancel_reason text,
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint executive_visits_status_len check (char_length(status) <= 200),
  constraint executive_visits_purpose_len check (char_length(purpose) <= 4000),
  constraint executive_visits_outcome_len check (char_length(outcome) <= 4000),
  constraint executive_visits_cancel_reason_len check (char_length(cancel_reason) <= 4000),
  -- a done visit has its day (not before the planned one) and outcome; a cancelled one a reason
  constraint executive_visits_steps_check check (
    (status = 'done') = (done_on is not null and outcome is not null)
    and (status = 'cancelled') = (cancel_reason is not null)
    and (done_on is null or done_on >= planned_on))
);
create index executive_visits_customer_id_idx on public.executive_visits (customer_id, planned_on);
create index executive_visits_executive_id_idx on public.executive_visits (executive_id, planned_on);
create index executive_visits_created_by_idx on public.executive_visits (created_by);
create index executive_visits_planned_on_idx on public.executive_visits (planned_on);
create trigger executive_visits_touch_updated_at before update on public.executive_visits
  for each row execute function private.touch_updated_at();

-- 2 access --------------------------------------------------------------------------------------
-- Staff read the executive visits of the customers they see (reps: their customers; area
-- managers: their areas; managers: all). Dealers read none: an executive visit is the company's
-- plan about the dealer. Only the RPCs below write.
alter table public.executive_visits enable row level security;
create policy "Staff can read executive visits of their customers"
  on public.executive_visits for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
revoke insert, update, delete on public.executive_visits from authenticated;

-- 3 sync: pulled by staff (the map's 高层拜访 layer and the customer card work offline) ----------
insert into private.sync_tables (name, ord, pushable, roles, pull_filter)
values ('executive_visits', 28, false, array['rep', 'area_manager', 'manager'],
        't.planned_on >= private.company_today() - 400');
alter table public.executive_visits add column txid xid8 not null default private.sync_register();
alter table public.executive_visits add column version bigint not null default 1;
create index executive_visits_txid_idx on public.executive_visits (txid);
create trigger executive_visits_sync_stamp before insert or update on public.executive_visits
  for each row execute function private.sync_stamp();
create trigger executive_visits_tombstone before delete on public.executive_visits
  for each row execute function private.sync_tombstone();
create trigger executive_visits_sync_register
  before insert or update or delete on public.executive_visits
  for each statement execute function private.sync_register_statement();

-- 4 the RPCs ------------------------------------------------------------------------------------

-- The customer, locked, when the caller (an area manager or a manager) may plan for it.
create or replace function private.exec_visit_customer(p_customer_id uuid)
returns public.customers
language plpgsql security definer set search_path = ''
as $$
declare
  cust public.customers;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers plan executive visits',
                         '只有区域经理和销售经理可以安排高层拜访');
  end if;
  if p_customer_id is null then
    raise exception 'customer_id is required' using errcode = '22023',
      detail = '请选择客户（customer_id）';
  end if;
  select * into cust from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and ((select private.my_role()) = 'manager' or c.id in (select private.staff_customer_ids()));
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  return cust;
end
$$;

-- An area manager or manager plans an executive visit: the executive is an active manager or an
-- area manager of the customer's area (or an area above it); default the caller. The day is
-- today or later, at most a year ahead; the purpose is required.
create or replace function public.exec_visit_plan(p_customer_id uuid, p_planned_on date,
                                                  p_purpose text,
                                                  p_executive_id uuid default null)
returns public.executive_visits
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  cust public.customers;
  exec_id uuid := coalesce(p_executive_id, who);
  today date := private.company_today();
  row public.executive_visits;
begin
  cust := private.exec_visit_customer(p_customer_id);
  if cust.status = 'eliminated' then
    raise exception 'the customer is eliminated: no new visits' using errcode = '55000',
      detail = '该客户已淘汰，不能再安排拜访';
  end if;
  if not exists (select from public.profiles p
                  where p.id = exec_id and p.active
                    and (p.role = 'manager'
                         or (p.role = 'area_manager'
                             and p.id = any(private.area_managers_over(cust.area_id))))) then
    raise exception 'executive must be an active manager or an area manager of the customer''s area'
      using errcode = '22023',
      detail = '拜访领导（executive_id）必须是在职的销售经理或该客户所在区域的区域经理';
  end if;
  if p_planned_on is null then
    raise exception 'planned_on is required' using errcode = '22023',
      detail = '请填写计划日期（planned_on）';
  end if;
  if p_planned_on < today then
    raise exception 'planned_on % is in the past', p_planned_on using errcode = '22023',
      detail = '计划日期（planned_on）不能早于今天';
  end if;
  if p_planned_on > today + 366 then
    raise exception 'planned_on % is more than a year ahead', p_planned_on using errcode = '22023',
      detail = '计划日期（planned_on）不能晚于一年后';
  end if;
  perform private.elimination_check_text(p_purpose, true, 'purpose', '拜访目的');
  insert into public.executive_visits (customer_id, executive_id, planned_on, purpose, created_by)
  values (cust.id, exec_id, p_planned_on, btrim(p_purpose), who)
  returning * into row;
  return row;
end
$$;

-- The planned visit, locked, for a step by an area manager (their areas) or a manager.
create or replace function private.exec_visit_for_action(p_visit_id uuid)
returns public.executive_visits
language plpgsql security definer set search_path = ''
as $$
declare
  row public.executive_visits;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record executive visits',
                         '只有区域经理和销售经理可以登记高层拜访');
  end if;
  if p_visit_id is null then
    raise exception 'visit_id is required' using errcode = '22023', detail = '缺少高层拜访编号';
  end if;
  select * into row from public.executive_visits v
   where v.id = p_visit_id and v.deleted_at is null for update;
  if not found or ((select private.my_role()) <> 'manager'
                   and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'executive visit % not found', p_visit_id using errcode = 'P0002',
      detail = '找不到该高层拜访';
  end if;
  if row.status <> 'planned' then
    raise exception 'the executive visit is already %', row.status using errcode = '55000',
      detail = '该高层拜访已完成或已取消，不能再变更';
  end if;
  return row;
end
$$;

-- planned → done, on a day not before the planned one nor after today, with its outcome.
create or replace function public.exec_visit_done(p_visit_id uuid, p_done_on date,
                                                  p_outcome text)
returns public.executive_visits
language plpgsql security definer set search_path = ''
as $$
declare
  v public.executive_visits;
  row public.executive_visits;
begin
  perform private.require_staff();
  v := private.exec_visit_for_action(p_visit_id);
  if p_done_on is null then
    raise exception 'done_on is required' using errcode = '22023',
      detail = '请填写拜访日期（done_on）';
  end if;
  if p_done_on < v.planned_on then
    raise exception 'done_on % is before the planned day %', p_done_on, v.planned_on
      using errcode = '22023', detail = '拜访日期（done_on）不能早于计划日期';
  end if;
  if p_done_on > private.company_today() then
    raise exception 'done_on % is in the future', p_done_on using errcode = '22023',
      detail = '拜访日期（done_on）不能晚于今天';
  end if;
  perform private.elimination_check_text(p_outcome, true, 'outcome', '拜访结果');
  update public.executive_visits
     set status = 'done', done_on = p_done_on, outcome = btrim(p_outcome)
   where id = v.id
  returning * into row;
  return row;
end
$$;

-- planned → cancelled, with a reason.
create or replace function public.exec_visit_cancel(p_visit_id uuid, p_reason text)
returns public.executive_visits
language plpgsql security definer set search_path = ''
as $$
declare
  v public.executive_visits;
  row public.executive_visits;
begin
  perform private.require_staff();
  v := private.exec_visit_for_action(p_visit_id);
  perform private.elimination_check_text(p_reason, true, 'reason', '取消原因');
  update public.executive_visits set status = 'cancelled', cancel_reason = btrim(p_reason)
   where id = v.id
  returning * into row;
  return row;
end
$$;

-- 5 plan versus actual: the executive visits of each rep's customers planned in the week (not
-- cancelled) and how many of them are done. The same one function as before, two more columns.

drop function public.plan_vs_actual(date, uuid);
create function public.plan_vs_actual(p_week_start date, p_rep_id uuid default null)
returns table (rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text,
               week_start date, plan_status text, planned integer, done integer, missed integer,
               pending integer, unplanned integer, offsite integer, visits integer,
               timed_visits integer, avg_duration_min numeric, exec_planned integer,
               exec_done integer)
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
           coalesce(e.planned, 0), coalesce(e.done, 0)
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

revoke all on function private.exec_visit_customer(uuid), private.exec_visit_for_action(uuid)
  from public, anon;
grant execute on function private.exec_visit_customer(uuid), private.exec_visit_for_action(uuid)
  to service_role;

revoke all on function public.exec_visit_plan(uuid, date, text, uuid),
  public.exec_visit_done(uuid, date, text), public.exec_visit_cancel(uuid, text),
  public.plan_vs_actual(date, uuid) from public, anon;
grant execute on function public.exec_visit_plan(uuid, date, text, uuid),
  public.exec_visit_done(uuid, date, text), public.exec_visit_cancel(uuid, text),
  public.plan_vs_actual(date, uuid) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
