-- Issue 17, server side of "Policy settings" (管理设置) and "Evaluation scorecards" (客户评价).
-- Sections: 1 new settings, 2 the rule catalog (private.setting_rules), 3 one check for every
-- catalogued key, 4 the audit (setting_changes, written by triggers on every path), 5 the
-- managers' RPCs (set_setting, set_warning_threshold, setting_catalog), 6 scores and grades (one
-- definition), 7 scorecard RPCs (submit_evaluation, evaluations_due, grade_history), 8 grants.
--
-- Decisions (docs/access.md, "Policy settings"): the audit is written by AFTER triggers on
-- settings and warning_thresholds, so set_setting, a manager's direct REST write, the service
-- side and a migration are all recorded the same way; setting_changes has no write grant and a
-- trigger refuses updates and deletes even to the owner's sessions, so it is append-only.

-- 1 new settings --------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('evaluation.period_months', '3',
   'Months between two scorecards of a customer: older than this, its evaluation is due'),
  ('visit.fix_max_age_s', '120',
   'A check-in needs a position taken at most this many seconds before (older fixes are refused)')
on conflict (key) do nothing;

-- 2 the rule catalog ----------------------------------------------------------------------------

-- The scorecard's indicators, in the source document's order (the columns of evaluations).
create or replace function private.scorecard_indicators() returns text[]
language sql immutable set search_path = ''
as $$
  select array['enthusiasm', 'flexibility', 'distribution_capacity', 'capital_strength',
               'hot_brands', 'logistics', 'credit', 'social_relations', 'sales_management',
               'network', 'promotion_ability', 'after_sales', 'relationship']
$$;

-- Labels of the parts of an object-valued setting (indicators, grades, severities).
create table private.setting_parts (
  part text primary key,
  sort integer not null,
  label_zh text not null,
  label_en text not null
);
insert into private.setting_parts values
  ('enthusiasm', 1, '积极性', 'Enthusiasm'),
  ('flexibility', 2, '经营灵活性', 'Flexibility'),
  ('distribution_capacity', 3, '分销能力', 'Distribution capacity'),
  ('capital_strength', 4, '资金实力', 'Capital'),
  ('hot_brands', 5, '畅销品牌', 'Hot brands'),
  ('logistics', 6, '仓储车辆人员', 'Warehouse, vehicles, staff'),
  ('credit', 7, '信誉', 'Credit'),
  ('social_relations', 8, '社会关系', 'Social relations'),
  ('sales_management', 9, '销售管理', 'Sales management'),
  ('network', 10, '销售网络', 'Network'),
  ('promotion_ability', 11, '促销能力', 'Promotion ability'),
  ('after_sales', 12, '售后服务能力', 'After-sales capability'),
  ('relationship', 13, '与本公司关系', 'Relationship with us'),
  ('A', 21, 'A级', 'Grade A'), ('B', 22, 'B级', 'Grade B'),
  ('C', 23, 'C级', 'Grade C'), ('D', 24, 'D级', 'Grade D'),
  ('high', 31, '高', 'High'), ('medium', 32, '中', 'Medium'), ('low', 33, '低', 'Low');

-- Every rule number the app uses, for the settings screen and for one check (section 3). A key
-- whose value is checked by an earlier migration's trigger names it in checked_by (its words
-- stay; the ranges here describe it for the screen).
create table private.setting_rules (
  key text primary key,
  section text not null
    check (section in ('warnings', 'visits', 'returns', 'cases', 'desk', 'evaluation', 'notify')),
  sort integer not null,
  label_zh text not null,
  label_en text not null,
  unit text not null,
  unit_zh text not null,
  shape text not null check (shape in ('number', 'by_grade', 'by_severity', 'weights', 'cutoffs',
                                       'choice')),
  min numeric,
  max numeric,
  whole boolean not null default false,
  choices text[],
  checked_by text
);
insert into private.setting_rules
  (key, section, sort, label_zh, label_en, unit, unit_zh, shape, min, max, whole, choices, checked_by)
values
  ('warning.behind_plan.tolerance', 'warnings', 10, '落后计划：容差', 'Behind plan: tolerance',
   'share', '比例', 'number', 0, 1, false, null, null),
  ('warning.below_last_year.tolerance', 'warnings', 20, '低于去年同期：容差',
   'Below last year: tolerance', 'share', '比例', 'number', 0, 1, false, null, null),
  ('warning.below_last_year.min_amount', 'warnings', 30, '低于去年同期：最低金额',
   'Below last year: minimum amount', 'yuan', '元', 'number', 0, 1000000000, false, null, null),
  ('warning.frequency_drop.factor', 'warnings', 40, '进货频率下降：倍数',
   'Purchase frequency drop: factor', 'factor', '倍', 'number', 1, 20, false, null, null),
  ('warning.churn.days', 'warnings', 50, '流失：未进货天数', 'Churn: days without a purchase',
   'days', '天', 'number', 1, 3650, true, null, null),
  ('warning.expense_rising.tolerance', 'warnings', 60, '费用上升：容差',
   'Expenses rising: tolerance', 'share', '比例', 'number', 0, 1, false, null, null),
  ('warning.expense_rising.min_amount', 'warnings', 70, '费用上升：最低金额',
   'Expenses rising: minimum amount', 'yuan', '元', 'number', 0, 1000000000, false, null, null),
  ('warning.credit.high_ratio', 'warnings', 80, '超信用额度：高严重度倍数',
   'Over credit limit: high severity above', 'factor', '倍', 'number', 1, 10, false, null, null),
  ('warning.major_incident.days', 'warnings', 90, '重大事件：预警天数',
   'Major incident: days it stays a warning', 'days', '天', 'number', 1, 3650, true, null, null),
  ('visit.checkin_radius_m', 'visits', 10, '签到半径', 'Check-in radius', 'metres', '米',
   'number', 10, 5000, true, null, null),
  ('visit.fix_max_age_s', 'visits', 20, '定位最长有效时间', 'Oldest position for a check-in',
   'seconds', '秒', 'number', 10, 3600, true, null, null),
  ('visit.frequency_days', 'visits', 30, '拜访频率（按等级）', 'Visit frequency by grade', 'days',
   '天', 'by_grade', 1, 365, true, null, null),
  ('returns.window_days', 'returns', 10, '退换货期限（按等级）', 'Return window by grade', 'days',
   '天', 'by_grade', 0, 3650, true, null, 'private.check_returns_window'),
  ('delivery.confirm_days', 'cases', 10, '到货确认天数', 'Days to confirm a delivery', 'days', '天',
   'number', 1, 60, true, null, 'private.check_case_settings'),
  ('case.sla_days', 'cases', 20, '售后处理时限（按严重程度）', 'After-sales SLA by severity', 'days',
   '天', 'by_severity', 1, 365, true, null, 'private.check_case_settings'),
  ('warning.due_days', 'desk', 10, '预警处理时限（按严重程度）', 'Warning due days by severity',
   'days', '天', 'by_severity', 1, 365, true, null, 'private.check_notify_settings'),
  -- listed only once the warnings desk creates it (a catalog row alone creates no setting)
  ('warning.snooze_days', 'desk', 20, '手动处理后再次预警的间隔', 'Snooze after a manual resolution',
   'days', '天', 'number', 0, 365, true, null, null),
  ('evaluation.weights', 'evaluation', 10, '评价权重', 'Scorecard weights', 'percent', '%',
   'weights', 0, 100, false, null, null),
  ('evaluation.grade_cutoffs', 'evaluation', 20, '等级分数线', 'Grade cut-offs', 'points', '分',
   'cutoffs', 0, 100, false, null, null),
  ('evaluation.period_months', 'evaluation', 30, '评价周期', 'Evaluation period', 'months', '个月',
   'number', 1, 24, true, null, null),
  ('notify.min_severity', 'notify', 10, '推送的最低严重程度', 'Lowest severity pushed to groups',
   'level', '级别', 'choice', null, null, false, array['low', 'medium', 'high'],
   'private.check_notify_settings'),
  ('notify.max_tries', 'notify', 20, '推送最多尝试次数', 'Delivery attempts before giving up',
   'tries', '次', 'number', 1, 50, true, null, 'private.check_notify_settings');

revoke all on private.setting_rules, private.setting_parts from public, anon, authenticated;

-- 3 one check for every catalogued key ---------------------------------------------------------

-- Refuse a number of a setting (or of one part of it, `field`) outside the rule's range.
create or replace function private.check_setting_number(r private.setting_rules, field text,
                                                        v jsonb) returns void
language plpgsql stable set search_path = ''
as $$
begin
  if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not between r.min and r.max
     or (r.whole and (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)) then
    raise exception '% must be a % from % to % (got %)', field,
      case when r.whole then 'whole number' else 'number' end, r.min, r.max, coalesce(v::text, 'nothing')
      using errcode = '22023',
      detail = format('「%s」（%s）必须是%s到%s之间的%s（%s）', r.label_zh, field, r.min, r.max,
                      case when r.whole then '整数' else '数值' end, r.unit_zh);
  end if;
end
$$;

-- The part names an object-valued shape must have, sorted.
create or replace function private.setting_shape_parts(p_shape text) returns text[]
language sql immutable set search_path = ''
as $$
  select case p_shape
    when 'by_grade' then array['A', 'B', 'C', 'D']
    when 'by_severity' then array['high', 'low', 'medium']
    when 'cutoffs' then array['A', 'B', 'C']
    when 'weights' then (select array_agg(i order by i) from unnest(private.scorecard_indicators()) i)
  end
$$;

-- Settings with a catalog rule and no check of their own: shape, range, totals, order.
create or replace function private.check_setting_rule() returns trigger
language plpgsql set search_path = ''
as $$
declare
  r private.setting_rules;
  parts text[];
  part text;
  total numeric;
begin
  select * into r from private.setting_rules s where s.key = new.key and s.checked_by is null;
  if not found then
    return new;
  end if;
  parts := private.setting_shape_parts(r.shape);
  if r.shape = 'choice' then
    if jsonb_typeof(new.value) <> 'string' or not (new.value #>> '{}' = any (r.choices)) then
      raise exception '% must be one of % (got %)', new.key, array_to_string(r.choices, ', '), new.value
        using errcode = '22023', detail = format('「%s」（%s）必须是 %s 之一', r.label_zh, new.key,
                                                 array_to_string(r.choices, '、'));
    end if;
  elsif parts is null then
    perform private.check_setting_number(r, new.key, new.value);
  else
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k) is distinct from parts then
      raise exception '% must be an object with exactly the keys % (got %)', new.key,
        array_to_string(parts, ', '), new.value
        using errcode = '22023', detail = format('「%s」（%s）必须逐项填写：%s', r.label_zh, new.key,
                                                 array_to_string(parts, '、'));
    end if;
    foreach part in array parts loop
      perform private.check_setting_number(r, new.key || '.' || part, new.value -> part);
    end loop;
  end if;
  if r.shape = 'weights' then
    select sum(v::numeric) into total from jsonb_each_text(new.value) x (k, v);
    if total <> 100 then
      raise exception 'the weights of % must total exactly 100 %% (they total % %%)', new.key, total
        using errcode = '22023',
        detail = format('「%s」（%s）各项合计必须正好是100%%，现在合计%s%%', r.label_zh, new.key, total);
    end if;
  end if;
  if r.shape = 'cutoffs' and not ((new.value ->> 'A')::numeric > (new.value ->> 'B')::numeric
                                  and (new.value ->> 'B')::numeric > (new.value ->> 'C')::numeric) then
    raise exception '% must be ordered A > B > C (got %)', new.key, new.value
      using errcode = '22023',
      detail = format('「%s」（%s）必须从高到低：A > B > C', r.label_zh, new.key);
  end if;
  return new;
end
$$;
create trigger settings_rule_check
  before insert or update on public.settings
  for each row execute function private.check_setting_rule();

-- 4 the audit -----------------------------------------------------------------------------------

create table public.setting_changes (
  id uuid primary key default gen_random_uuid(),
  setting_key text not null constraint setting_changes_setting_key_len check (char_length(setting_key) <= 200),
  -- a warning threshold override names its grade or its customer; a setting neither
  grade char(1) constraint setting_changes_grade_check check (grade in ('A', 'B', 'C', 'D')),
  customer_id uuid references public.customers (id),
  old_value jsonb constraint setting_changes_old_value_len check (octet_length(old_value::text) <= 65536),
  new_value jsonb constraint setting_changes_new_value_len check (octet_length(new_value::text) <= 65536),
  changed_by uuid references public.profiles (id),
  changed_at timestamptz not null default now()
);
create index setting_changes_key_idx on public.setting_changes (setting_key, changed_at desc);
create index setting_changes_customer_id_idx on public.setting_changes (customer_id);
create index setting_changes_changed_by_idx on public.setting_changes (changed_by);
alter table public.setting_changes enable row level security;
revoke all on public.setting_changes from anon, authenticated;
grant select on public.setting_changes to authenticated;
create policy "Managers can read setting changes" on public.setting_changes
  for select to authenticated using ((select private.is_manager()));

create or replace function private.setting_changes_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'setting_changes is append-only: a recorded change is never altered or removed'
    using errcode = '42501', detail = '设置变更记录只能追加，不能修改或删除';
end
$$;
create trigger setting_changes_append_only
  before update or delete on public.setting_changes
  for each row execute function private.setting_changes_append_only();

-- Who changes something: the signed-in person (null for the service side and migrations).
create or replace function private.audit_actor() returns uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.profiles p where p.id = (select auth.uid())
$$;

-- Every change of a setting, by any path (a soft delete records null as the new value).
create or replace function private.audit_setting() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' and old.deleted_at is null then
    was := old.value;
  end if;
  if tg_op <> 'DELETE' and new.deleted_at is null then
    now_is := new.value;
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values (case when tg_op = 'DELETE' then old.key else new.key end, was, now_is, private.audit_actor());
  return null;
end
$$;
create trigger settings_audit
  after insert or update or delete on public.settings
  for each row execute function private.audit_setting();

-- Every change of a warning threshold override (per grade or per customer), by any path.
create or replace function private.audit_warning_threshold() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r public.warning_thresholds := case when tg_op = 'DELETE' then old else new end;
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := to_jsonb(old.value);
  end if;
  if tg_op <> 'DELETE' then
    now_is := to_jsonb(new.value);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, grade, customer_id, old_value, new_value, changed_by)
  values (r.setting_key, r.grade, r.customer_id, was, now_is, private.audit_actor());
  return null;
end
$$;
create trigger warning_thresholds_audit
  after insert or update or delete on public.warning_thresholds
  for each row execute function private.audit_warning_threshold();

-- 5 the managers' RPCs --------------------------------------------------------------------------

create or replace function private.require_manager(what text, zh text) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny(what, zh);
  end if;
end
$$;

-- Every rule number with its value, labels, unit, range, per-grade and per-customer overrides
-- (warning thresholds) and its latest ten changes; a setting not created yet is not listed.
create or replace function public.setting_catalog()
returns table (section text, section_zh text, section_en text, sort integer, key text,
               label_zh text, label_en text, unit text, unit_zh text, shape text, value jsonb,
               min numeric, max numeric, whole boolean, choices text[], parts jsonb,
               overrides jsonb, changes jsonb)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_manager('only a manager reads the policy settings',
                                  '只有销售经理可以查看管理设置');
  return query
  select r.section, sec.zh, sec.en, r.sort, r.key, r.label_zh, r.label_en, r.unit, r.unit_zh,
         r.shape, s.value, r.min, r.max, r.whole, r.choices,
         (select jsonb_agg(jsonb_build_object('key', p.part, 'label_zh', p.label_zh,
                                              'label_en', p.label_en) order by p.sort)
            from private.setting_parts p where p.part = any (private.setting_shape_parts(r.shape))),
         case when r.key in (select unnest(private.warning_threshold_keys())) then
           jsonb_build_object(
             'grades', (select coalesce(jsonb_object_agg(t.grade, t.value), '{}')
                          from public.warning_thresholds t
                         where t.setting_key = r.key and t.grade is not null),
             'customers', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'customer_id', c.id, 'code', c.code, 'name', c.name,
                                    'value', t.value) order by c.code), '[]')
                             from public.warning_thresholds t
                             join public.customers c on c.id = t.customer_id
                            where t.setting_key = r.key)) end,
         (select coalesce(jsonb_agg(jsonb_build_object(
                   'old_value', h.old_value, 'new_value', h.new_value, 'grade', h.grade,
                   'customer_id', h.customer_id, 'changed_by', h.changed_by,
                   'changed_by_name', coalesce(pr.full_name, '系统 (system)'),
                   'changed_at', h.changed_at) order by h.changed_at desc), '[]')
            from (select * from public.setting_changes x where x.setting_key = r.key
                   order by x.changed_at desc limit 10) h
            left join public.profiles pr on pr.id = h.changed_by)
    from private.setting_rules r
    join public.settings s on s.key = r.key and s.deleted_at is null
    join (values ('warnings', 1, '预警阈值', 'Warning thresholds'),
                 ('visits', 2, '拜访与签到', 'Visits and check-in'),
                 ('returns', 3, '退换货', 'Returns'),
                 ('cases', 4, '到货与售后', 'Deliveries and after-sales'),
                 ('desk', 5, '预警处理', 'Warnings desk'),
                 ('evaluation', 6, '客户评价', 'Evaluation scorecards'),
                 ('notify', 7, '通知推送', 'Notifications')) sec (name, ord, zh, en)
      on sec.name = r.section
   order by sec.ord, r.sort;
end
$$;

-- The settings a warning threshold override may replace (the check on warning_thresholds).
create or replace function private.warning_threshold_keys() returns text[]
language sql immutable set search_path = ''
as $$
  select array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
               'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
               'warning.churn.days', 'warning.expense_rising.tolerance',
               'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
               'warning.major_incident.days']
$$;

-- A manager changes one setting: checked by the key's rule, recorded in setting_changes.
create or replace function public.set_setting(p_key text, p_value jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  result jsonb;
begin
  perform private.require_manager('only a manager changes the policy settings',
                                  '只有销售经理可以修改管理设置');
  if p_key is null or btrim(p_key) = '' then
    raise exception 'p_key is required: the setting to change' using errcode = '22023',
      detail = '请指定要修改的设置项（p_key）';
  end if;
  if not exists (select from private.setting_rules r join public.settings s on s.key = r.key
                  where r.key = p_key and s.deleted_at is null) then
    raise exception 'there is no policy setting %', left(p_key, 200) using errcode = '22023',
      detail = format('没有这个管理设置项（p_key）：%s', left(p_key, 200));
  end if;
  if p_value is null then
    raise exception 'p_value is required: the new value of %', p_key using errcode = '22023',
      detail = format('请填写设置项 %s 的新值（p_value）', p_key);
  end if;
  update public.settings s set value = p_value where s.key = p_key;
  select to_jsonb(c) into result from public.setting_catalog() c where c.key = p_key;
  return result;
end
$$;

-- A manager sets (p_value) or clears (p_value null) a warning threshold for one grade or one
-- customer; the value is checked by the setting's rule, the change recorded in setting_changes.
create or replace function public.set_warning_threshold(p_setting_key text, p_value numeric,
                                                        p_grade text default null,
                                                        p_customer_id uuid default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  r private.setting_rules;
begin
  perform private.require_manager('only a manager changes warning thresholds',
                                  '只有销售经理可以修改预警阈值');
  if p_setting_key is null or not (p_setting_key = any (private.warning_threshold_keys())) then
    raise exception 'p_setting_key must be one of % (got %)',
      array_to_string(private.warning_threshold_keys(), ', '), coalesce(left(p_setting_key, 200), 'nothing')
      using errcode = '22023', detail = '预警阈值项（p_setting_key）无效';
  end if;
  if (p_grade is null) = (p_customer_id is null) then
    raise exception 'name either p_grade or p_customer_id (exactly one)' using errcode = '22023',
      detail = '请指定客户等级（p_grade）或客户（p_customer_id），二者只能选一';
  end if;
  if p_grade is not null and p_grade not in ('A', 'B', 'C', 'D') then
    raise exception 'p_grade must be A, B, C or D (got %)', left(p_grade, 20) using errcode = '22023',
      detail = '客户等级（p_grade）必须是 A、B、C 或 D';
  end if;
  if p_customer_id is not null and not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_value is not null then
    select * into r from private.setting_rules s where s.key = p_setting_key;
    perform private.check_setting_number(r, p_setting_key, to_jsonb(p_value));
  end if;
  if p_value is null then
    delete from public.warning_thresholds t
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
  else
    update public.warning_thresholds t set value = p_value
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
    if not found then
      insert into public.warning_thresholds (setting_key, grade, customer_id, value)
      values (p_setting_key, p_grade, p_customer_id, p_value);
    end if;
  end if;
  return jsonb_build_object('setting_key', p_setting_key, 'grade', p_grade,
                            'customer_id', p_customer_id, 'value', p_value);
end
$$;

-- 6 scores and grades: one definition ------------------------------------------------------------

-- The grade of a scorecard score (0–100) by `evaluation.grade_cutoffs`: A, B, C at or above their
-- cut-off, else D. classify_customers grades an evaluated customer by the same cut-offs.
create or replace function private.evaluation_grade(p_score numeric) returns character
language sql stable security definer set search_path = ''
as $$
  select case when p_score is null then null
              when p_score >= coalesce((cut ->> 'A')::numeric, 85) then 'A'
              when p_score >= coalesce((cut ->> 'B')::numeric, 70) then 'B'
              when p_score >= coalesce((cut ->> 'C')::numeric, 55) then 'C'
              else 'D' end
    from (select (select s.value from public.settings s
                   where s.key = 'evaluation.grade_cutoffs' and s.deleted_at is null) as cut) x
$$;

-- The score of a scorecard: Σ weight × indicator ÷ (5 × 100) × 100, one decimal; the weights
-- must total exactly 100 (the setting's check refuses other totals; this refuses a stale row).
create or replace function private.evaluation_score() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  w jsonb := (select s.value from public.settings s
               where s.key = 'evaluation.weights' and s.deleted_at is null);
  row_ jsonb := to_jsonb(new);
  total numeric := 0;
  weighted numeric := 0;
  i text;
begin
  foreach i in array private.scorecard_indicators() loop
    total := total + coalesce((w ->> i)::numeric, 0);
    weighted := weighted + coalesce((w ->> i)::numeric, 0) * (row_ ->> i)::numeric;
  end loop;
  if total <> 100 then
    raise exception 'the setting evaluation.weights must total exactly 100 %% (it totals % %%)', total
      using errcode = '22023', detail = format('评价权重（evaluation.weights）合计必须正好是100%%，现在合计%s%%', total);
  end if;
  new.score := round(weighted / (5 * total) * 100, 1);
  new.grade := private.evaluation_grade(new.score);
  return new;
end
$$;

-- A customer's latest scorecard sets its grade at once (customers.grade is the server's: the
-- API may not write it); the next classification gives the same grade. Per statement, so an
-- import of many scorecards updates each customer once, to its latest.
create or replace function private.evaluation_sets_grade() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.customers c set grade = l.grade
    from (select distinct on (e.customer_id) e.customer_id, e.grade
            from public.evaluations e
           where e.customer_id in (select n.customer_id from changed n) and e.deleted_at is null
           order by e.customer_id, e.evaluated_on desc, e.created_at desc) l
   where c.id = l.customer_id and l.grade is not null and c.grade is distinct from l.grade;
  return null;
end
$$;
create trigger evaluations_sets_grade_insert
  after insert on public.evaluations referencing new table as changed
  for each statement execute function private.evaluation_sets_grade();
create trigger evaluations_sets_grade_update
  after update on public.evaluations referencing new table as changed
  for each statement execute function private.evaluation_sets_grade();

-- an optional note per indicator
alter table public.evaluations add column notes jsonb
  constraint evaluations_notes_check check (jsonb_typeof(notes) = 'object'),
  add constraint evaluations_notes_len check (octet_length(notes::text) <= 65536);

-- 7 scorecard RPCs ------------------------------------------------------------------------------

-- An area manager (their areas) or a manager submits a scorecard for a customer they see, dated
-- the company's today: 13 indicators 1–5 and optional notes per indicator. The server computes
-- the score and grade, and the grade becomes the customer's. The same p_evaluation_id again (a
-- retry from the phone) returns the first answer.
create or replace function public.submit_evaluation(p_customer_id uuid, p_scores jsonb,
                                                    p_notes jsonb default null,
                                                    p_comment text default null,
                                                    p_evaluation_id uuid default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  role text := (select private.my_role());
  e public.evaluations;
  inds text[] := private.scorecard_indicators();
  i text;
  k text;
  v jsonb;
  label text;
  notes jsonb := '{}';
  was character;
  today date := private.company_today();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers score customers',
                         '只有区域经理和销售经理可以评价客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required: the customer to score' using errcode = '22023',
      detail = '请选择要评价的客户（p_customer_id）';
  end if;
  if not exists (select from public.customers c where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_evaluation_id is not null then
    select * into e from public.evaluations x where x.id = p_evaluation_id;
    if found then
      if e.customer_id <> p_customer_id or e.evaluator_id is distinct from (select auth.uid()) then
        raise exception 'p_evaluation_id names another scorecard' using errcode = '22023',
          detail = '评价编号（p_evaluation_id）已被另一份评价使用';
      end if;
      return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                                e.evaluated_on, 'score', e.score, 'grade', e.grade, 'repeated', true);
    end if;
  end if;
  if p_scores is null or jsonb_typeof(p_scores) <> 'object' then
    raise exception 'p_scores must be an object {indicator: 1..5} with the 13 indicators'
      using errcode = '22023', detail = '评分（p_scores）必须按13项指标逐项填写1到5分';
  end if;
  for k in select jsonb_object_keys(p_scores) loop
    if not (k = any (inds)) then
      raise exception 'p_scores has an unknown indicator %', left(k, 100) using errcode = '22023',
        detail = format('评分（p_scores）中没有这项指标：%s', left(k, 100));
    end if;
  end loop;
  foreach i in array inds loop
    select p.label_zh into label from private.setting_parts p where p.part = i;
    v := p_scores -> i;
    if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not in (1, 2, 3, 4, 5) then
      raise exception 'the score of % must be a whole number from 1 to 5 (got %)', i,
        coalesce(v::text, 'nothing') using errcode = '22023',
        detail = format('「%s」（%s）的评分必须是1到5的整数', label, i);
    end if;
  end loop;
  if p_notes is not null and jsonb_typeof(p_notes) <> 'null' then
    if jsonb_typeof(p_notes) <> 'object' then
      raise exception 'p_notes must be an object {indicator: note}' using errcode = '22023',
        detail = '指标备注（p_notes）必须按指标填写';
    end if;
    for k, v in select x.key, x.value from jsonb_each(p_notes) x loop
      if not (k = any (inds)) then
        raise exception 'p_notes has an unknown indicator %', left(k, 100) using errcode = '22023',
          detail = format('指标备注（p_notes）中没有这项指标：%s', left(k, 100));
      end if;
      select p.label_zh into label from private.setting_parts p where p.part = k;
      if jsonb_typeof(v) = 'null' or (jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = '') then
        continue;  -- an empty note is no note
      end if;
      if jsonb_typeof(v) <> 'string' or char_length(v #>> '{}') > 1000 then
        raise exception 'the note on % must be text of at most 1000 characters', k
          using errcode = '22023', detail = format('「%s」（%s）的备注必须是不超过1000字的文字', label, k);
      end if;
      notes := notes || jsonb_build_object(k, btrim(v #>> '{}'));
    end loop;
  end if;
  if char_length(p_comment) > 4000 then
    raise exception 'the comment (p_comment) is longer than 4000 characters' using errcode = '22023',
      detail = '评语（p_comment）不能超过4000字';
  end if;
  if exists (select from public.evaluations x where x.customer_id = p_customer_id
                and x.evaluated_on = today) then
    raise exception 'this customer was already scored today (%)', today using errcode = '55000',
      detail = '该客户今天已经评价过';
  end if;
  select c.grade into was from public.customers c where c.id = p_customer_id;
  insert into public.evaluations (id, customer_id, evaluator_id, evaluated_on, enthusiasm,
    flexibility, distribution_capacity, capital_strength, hot_brands, logistics, credit,
    social_relations, sales_management, network, promotion_ability, after_sales, relationship,
    comment, notes)
  values (coalesce(p_evaluation_id, gen_random_uuid()), p_customer_id, (select auth.uid()), today,
    (p_scores ->> 'enthusiasm')::smallint, (p_scores ->> 'flexibility')::smallint,
    (p_scores ->> 'distribution_capacity')::smallint, (p_scores ->> 'capital_strength')::smallint,
    (p_scores ->> 'hot_brands')::smallint, (p_scores ->> 'logistics')::smallint,
    (p_scores ->> 'credit')::smallint, (p_scores ->> 'social_relations')::smallint,
    (p_scores ->> 'sales_management')::smallint, (p_scores ->> 'network')::smallint,
    (p_scores ->> 'promotion_ability')::smallint, (p_scores ->> 'after_sales')::smallint,
    (p_scores ->> 'relationship')::smallint,
    nullif(btrim(coalesce(p_comment, '')), ''), nullif(notes, '{}'))
  returning * into e;
  return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                            e.evaluated_on, 'score', e.score, 'grade', e.grade,
                            'previous_grade', was, 'repeated', false);
end
$$;

-- Months between scorecards (`evaluation.period_months`, default 3).
create or replace function private.evaluation_period_months() returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'evaluation.period_months' and s.deleted_at is null), 3)
$$;

-- Customers whose scorecard is due on p_as_of: dealers (tier 1) and any customer scored before,
-- active or suspended, whose latest evaluation is older than the period (or who has none), with
-- the area manager(s) of their area; oldest first.
create or replace function public.evaluations_due(p_as_of date default null)
returns table (customer_id uuid, code text, name text, area_id uuid, area_name text,
               area_manager_id uuid, area_manager_name text, grade text,
               last_evaluated_on date, due_on date, days_overdue integer)
language plpgsql stable security definer set search_path = ''
as $$
declare
  role text := (select private.my_role());
  d date := coalesce(p_as_of, private.company_today());
  v_months integer := private.evaluation_period_months();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers see the evaluations due',
                         '只有区域经理和销售经理可以查看待评价客户');
  end if;
  return query
  with lastev as (
    select e.customer_id, max(e.evaluated_on) as on_
      from public.evaluations e
     where e.deleted_at is null and e.evaluated_on <= d
     group by e.customer_id
  )
  select c.id, c.code, c.name, c.area_id, a.name, am.id, am.full_name, c.grade::text, l.on_,
         (l.on_ + make_interval(months => v_months))::date,
         case when l.on_ is null then null else d - (l.on_ + make_interval(months => v_months))::date end
    from public.customers c
    join public.areas a on a.id = c.area_id
    left join lastev l on l.customer_id = c.id
    left join lateral (
      select p.id, p.full_name from public.profiles p
       where p.role = 'area_manager' and p.active and p.area_id = c.area_id
       order by p.full_name limit 1) am on true
   where c.deleted_at is null and c.status in ('active', 'suspended')
     and (c.tier = 1 or l.on_ is not null)
     and c.id in (select private.staff_customer_ids())
     and (l.on_ is null or (l.on_ + make_interval(months => v_months))::date <= d)
   order by l.on_ nulls first, c.code;
end
$$;

-- A customer's scorecards, newest first, with who scored each, its score, grade and indicators.
create or replace function public.grade_history(p_customer_id uuid)
returns table (evaluation_id uuid, evaluated_on date, score numeric, grade text,
               evaluator_id uuid, evaluator_name text, comment text, scores jsonb, notes jsonb)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if coalesce((select private.my_role()), '') not in ('rep', 'area_manager', 'manager') then
    perform private.deny('only staff read grade histories', '只有公司员工可以查看客户评价记录');
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null
         and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  return query
  select e.id, e.evaluated_on, e.score, e.grade::text, e.evaluator_id, p.full_name, e.comment,
         (select jsonb_object_agg(i, (to_jsonb(e) ->> i)::integer)
            from unnest(private.scorecard_indicators()) i),
         coalesce(e.notes, '{}')
    from public.evaluations e
    left join public.profiles p on p.id = e.evaluator_id
   where e.customer_id = p_customer_id and e.deleted_at is null
   order by e.evaluated_on desc, e.created_at desc;
end
$$;

-- 8 grants --------------------------------------------------------------------------------------

revoke all on function private.scorecard_indicators(), private.check_setting_number(private.setting_rules, text, jsonb),
  private.setting_shape_parts(text), private.check_setting_rule(),
  private.setting_changes_append_only(), private.audit_actor(), private.audit_setting(),
  private.audit_warning_threshold(), private.require_manager(text, text),
  private.warning_threshold_keys(), private.evaluation_grade(numeric),
  private.evaluation_sets_grade(), private.evaluation_period_months()
  from public, anon;
grant execute on function private.scorecard_indicators(), private.check_setting_number(private.setting_rules, text, jsonb),
  private.setting_shape_parts(text), private.check_setting_rule(),
  private.setting_changes_append_only(), private.audit_actor(), private.audit_setting(),
  private.audit_warning_threshold(), private.require_manager(text, text),
  private.warning_threshold_keys(), private.evaluation_grade(numeric),
  private.evaluation_sets_grade(), private.evaluation_period_months()
  to authenticated, service_role;
grant select on private.setting_rules to authenticated, service_role;

revoke all on function public.setting_catalog(), public.set_setting(text, jsonb),
  public.set_warning_threshold(text, numeric, text, uuid),
  public.submit_evaluation(uuid, jsonb, jsonb, text, uuid), public.evaluations_due(date),
  public.grade_history(uuid)
  from public, anon;
grant execute on function public.setting_catalog(), public.set_setting(text, jsonb),
  public.set_warning_threshold(text, numeric, text, uuid),
  public.submit_evaluation(uuid, jsonb, jsonb, text, uuid), public.evaluations_due(date),
  public.grade_history(uuid)
  to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
