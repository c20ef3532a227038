-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid DEFAULT NULL::uuid) RETURNS TABLE(rep_id uuid, rep_name text, area_id uuid, area_code text, area_name text, week_start date, plan_status text, planned integer, done integer, missed integer, pending integer, unplanned integer, offsite integer, visits integer, timed_visits integer, avg_duration_min numeric, exec_planned integer, exec_done integer, empty integer, empty_visits integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.plan_vs_actual(p_week_start date, p_rep_id uuid) TO service_role;
