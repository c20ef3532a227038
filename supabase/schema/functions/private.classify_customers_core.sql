-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.classify_customers_core(p_as_of date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION private.classify_customers_core(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.classify_customers_core(p_as_of date) TO service_role;
