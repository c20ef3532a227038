-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET work_mem TO '64MB'
    SET max_parallel_workers_per_gather TO '0'
    SET join_collapse_limit TO '1'
    SET from_collapse_limit TO '1'
    AS $$
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
  -- an eliminated one is evaluated for its debt only (credit_over_limit); narrow, as it is read
  -- three times; base adds the other thresholds
  th as (
    select c.id as customer_id, c.credit_limit, c.owner_id, c.grade,
           c.status = 'eliminated' as eliminated,
           coalesce(oc.incident_n, og.incident_n, v_def[9])::integer as incident_n
      from public.customers c
      left join ovr og on og.customer_id is null and og.grade = c.grade
      left join ovr oc on oc.customer_id = c.id
     where c.deleted_at is null and (v_all or c.id = any(v_ids))
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
           (not x.eliminated and x.last_day <= v_d - x.churn_n
            and x.last_day > (v_d - x.churn_n - interval '1 year')::date) as churned
      from (
        select th.customer_id, th.owner_id, th.credit_limit, th.eliminated,
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
  -- are kept (a null test counts as not holding, as in a WHERE clause); an eliminated customer
  -- holds the credit rule only
  hits as (
    select f.*
      from (select b.*,
                   b.balance > b.credit_limit as f_credit,
                   not b.eliminated and b.plan_x_dim > 0
                     and b.ytd * v_dim < (1 - b.behind_t) * b.plan_x_dim as f_behind,
                   not b.eliminated and b.p90 > 0 and b.p90 >= b.bly_min
                     and b.r90 < (1 - b.bly_t) * b.p90 as f_bly,
                   not b.eliminated and not b.churned and b.purchases >= 4
                     and (v_d - b.last_day) > b.freq_f * b.median_gap as f_freq,
                   not b.eliminated and b.exp_recent > b.exp_min
                     and b.exp_recent > (1 + b.exp_t) * b.exp_previous as f_exp
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
     where bu.spent > bu.budget and not th.eliminated
    union all
    select th.customer_id, th.owner_id, 'major_incident', i.id::text, 'high',
           jsonb_build_object('incident_kind', i.kind, 'occurred_on', i.occurred_on,
             'description', left(i.description, 200))
      from public.incidents i
      join th on th.customer_id = i.customer_id
     where i.deleted_at is null and i.kind <> 'minor' and i.occurred_on <= v_d
       and not th.eliminated
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
     where k.kind = 'complaint' and k.deleted_at is null and not th.eliminated
       and k.due_at < v_day_start
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
                             and (cu.deleted_at is not null
                                  or (cu.status = 'eliminated'
                                      and w.kind <> 'credit_over_limit')))
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

REVOKE ALL ON FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluate_warnings_core(p_customer_ids uuid[], p_as_of date) TO service_role;
