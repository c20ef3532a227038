-- Issue 18, part 1: support activities (辅导支援, source document §4 "辅导和支援经销商"). A rep, an
-- area manager or a manager plans support for a customer (training 培训, management 管理咨询,
-- sales_activity 促销活动支持, advertising_pr 广告公关, store_display 店面装修与陈列, promotion
-- 促销, information 信息服务), records it done (materials given, outcome, cost; at a visit
-- offline too), and an area manager or manager evaluates it (score 1–5 and a note).
-- Lifecycle: planned → done → evaluated; planned or done → cancelled.
--
-- One definition of spending (docs/figures.md): the cost of a done (or evaluated) activity is
-- materialised as exactly one `expenses` row (support_activity_id set, reference SUP-<id>), kept
-- in step by a trigger; the expense figures and warnings keep reading `expenses` alone. Nobody
-- else writes an expense row that names a support activity or uses the SUP- prefix.
--
-- The workbook carries activities in the sheet 辅导支援 (`support`, key: reference); its expense
-- sheet never carries a support activity's expense row (the export leaves them out, the importer
-- and the trigger below refuse them).
--
-- Sections: 1 columns, 2 rules of every write, 3 the expense row, 4 sync, 5 RPCs, 6 the summary
-- and the list, 7 grants.

-- 1 columns -------------------------------------------------------------------------------------

alter table public.support_activities drop constraint support_activities_status_check;
alter table public.support_activities
  add constraint support_activities_status_check
    check (status in ('planned', 'done', 'evaluated', 'cancelled')),
  add column visit_id uuid references public.visits (id),
  add column materials text constraint support_activities_materials_len
    check (char_length(materials) <= 4000),
  add column outcome text constraint support_activities_outcome_len
    check (char_length(outcome) <= 4000),
  add column score smallint constraint support_activities_score_range check (score between 1 and 5),
  add column evaluation_note text constraint support_activities_evaluation_note_len
    check (char_length(evaluation_note) <= 4000),
  add column evaluated_by uuid references public.profiles (id),
  add column evaluated_at timestamptz,
  add column cancelled_at timestamptz,
  add column cancel_reason text constraint support_activities_cancel_reason_len
    check (char_length(cancel_reason) <= 4000),
  -- the workbook's natural key (sheet 辅导支援); made up for rows created in the app
  add column reference text not null
    default 'SA-' || upper(substr(md5(gen_random_uuid()::text), 1, 12))
    constraint support_activities_reference_check check (reference ~ '^[A-Za-z0-9_.-]{1,40}$')
    constraint support_activities_reference_len check (char_length(reference) <= 200);
create unique index support_activities_reference_key on public.support_activities (reference);
-- a done or evaluated activity has its day; an evaluated one its score, evaluator and time; a
-- cancelled one its time
alter table public.support_activities add constraint support_activities_steps_check check (
  (status not in ('done', 'evaluated') or done_on is not null)
  and (status = 'evaluated') = (score is not null and evaluated_by is not null
                                and evaluated_at is not null)
  and (status = 'cancelled') = (cancelled_at is not null));
create index support_activities_visit_id_idx on public.support_activities (visit_id);
create index support_activities_evaluated_by_idx on public.support_activities (evaluated_by);
create index support_activities_done_on_idx on public.support_activities (done_on);
create index support_activities_planned_on_idx on public.support_activities (planned_on);

-- at most one expense row per support activity (the materialised one)
create unique index expenses_support_activity_once_idx on public.expenses (support_activity_id)
  where support_activity_id is not null;

-- 2 rules of every write ------------------------------------------------------------------------
-- People writing directly (a PATCH, a sync_push upsert: current_user authenticated) may create
-- planned or done activities and move planned → done, edit a planned or done one, never set or
-- lift evaluated or cancelled, nor touch the evaluation (support_evaluate and support_cancel run
-- as their owner and pass). Dates are sane for everyone signed in; a visit belongs to the
-- activity's customer for every writer.

create or replace function private.check_support_fields(p_kind text, p_title text,
                                                        p_planned_on date, p_done_on date,
                                                        p_cost numeric)
returns void
language plpgsql stable set search_path = ''
as $$
declare
  today date := private.company_today();
begin
  if p_kind is null or p_kind not in ('training', 'management', 'sales_activity', 'advertising_pr',
                                      'store_display', 'promotion', 'information', 'meeting',
                                      'executive_visit') then
    raise exception 'kind % is not a support kind', coalesce(p_kind, '(missing)')
      using errcode = '22023', detail = '支援类型（kind）无效';
  end if;
  if length(btrim(coalesce(p_title, ''))) = 0 then
    raise exception 'title is required' using errcode = '22023', detail = '请填写支援主题（title）';
  end if;
  if p_cost is null or p_cost < 0 or p_cost > 1000000000 then
    raise exception 'cost must be from 0 to 1000000000 (got %)', p_cost using errcode = '22023',
      detail = '费用（cost）必须在0到10亿元之间';
  end if;
  if p_planned_on is not null
     and p_planned_on not between today - 366 and today + 366 then
    raise exception 'planned_on % is more than a year from today', p_planned_on
      using errcode = '22023', detail = '计划日期（planned_on）必须在今天前后一年内';
  end if;
  if p_done_on is not null and p_done_on > today then
    raise exception 'done_on % is in the future', p_done_on using errcode = '22023',
      detail = '完成日期（done_on）不能晚于今天';
  end if;
  if p_done_on is not null and p_done_on < today - 366 then
    raise exception 'done_on % is more than a year ago', p_done_on using errcode = '22023',
      detail = '完成日期（done_on）不能早于一年前';
  end if;
end
$$;

create or replace function private.guard_support_write() returns trigger
language plpgsql set search_path = ''
as $$
declare
  people boolean := current_user in ('authenticated', 'anon');
begin
  if new.visit_id is not null
     and (tg_op = 'INSERT' or new.visit_id is distinct from old.visit_id)
     and not private.support_visit_matches(new.visit_id, new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  if not people then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.status not in ('planned', 'done') then
      perform private.deny('a new support activity is planned or done',
                           '新的支援活动只能是计划或已完成');
    end if;
    new.owner_id := coalesce(new.owner_id, (select auth.uid()));
  else
    if old.status in ('evaluated', 'cancelled') and new.deleted_at is not distinct from old.deleted_at then
      perform private.deny('an evaluated or cancelled support activity does not change',
                           '已评估或已取消的支援活动不能修改');
    end if;
    if new.status is distinct from old.status
       and not (old.status = 'planned' and new.status = 'done') then
      perform private.deny(
        'a support activity is evaluated or cancelled only through support_evaluate or support_cancel',
        '支援活动只能通过评估或取消操作变更为已评估或已取消');
    end if;
    if new.customer_id is distinct from old.customer_id then
      perform private.deny('a support activity stays with its customer', '支援活动的客户不能修改');
    end if;
  end if;
  if (new.score, new.evaluation_note, new.evaluated_by, new.evaluated_at, new.cancelled_at,
      new.cancel_reason) is distinct from
     (case when tg_op = 'UPDATE' then old.score end,
      case when tg_op = 'UPDATE' then old.evaluation_note end,
      case when tg_op = 'UPDATE' then old.evaluated_by end,
      case when tg_op = 'UPDATE' then old.evaluated_at end,
      case when tg_op = 'UPDATE' then old.cancelled_at end,
      case when tg_op = 'UPDATE' then old.cancel_reason end) then
    perform private.deny('the evaluation and cancellation are written by their RPCs only',
                         '评估和取消只能通过相应操作填写');
  end if;
  if tg_op = 'INSERT' or (new.kind, new.title, new.planned_on, new.done_on, new.cost)
                         is distinct from (old.kind, old.title, old.planned_on, old.done_on, old.cost) then
    perform private.check_support_fields(new.kind, new.title, new.planned_on, new.done_on,
                                         new.cost);
  end if;
  if new.status = 'done' and new.done_on is null then
    raise exception 'done_on is required for a done activity' using errcode = '22023',
      detail = '请填写完成日期（done_on）';
  end if;
  return new;
end
$$;

-- whether the visit is one of the customer's (read with the server's rights: the reference
-- itself is checked for visibility by the write guard)
create or replace function private.support_visit_matches(p_visit_id uuid, p_customer_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select from public.visits v where v.id = p_visit_id
                  and v.customer_id = p_customer_id)
$$;

create trigger support_activities_10_rules before insert or update on public.support_activities
  for each row execute function private.guard_support_write();

-- 3 the expense row -----------------------------------------------------------------------------
-- A done or evaluated, live activity with cost > 0 has exactly one live expense row: reference
-- SUP-<id without dashes>, category = its kind, spent_on = done_on, amount = cost, description =
-- its title. Otherwise that row (if any) is soft-deleted. Runs for every writer.

create or replace function private.support_expense_sync() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  counts boolean := new.status in ('done', 'evaluated') and new.cost > 0
                    and new.deleted_at is null and new.done_on is not null;
  ref text := 'SUP-' || replace(new.id::text, '-', '');
begin
  if counts then
    update public.expenses e
       set reference = ref, customer_id = new.customer_id, spent_on = new.done_on,
           category = new.kind, amount = new.cost, description = left(new.title, 4000),
           deleted_at = null
     where e.support_activity_id = new.id
       and (e.reference, e.customer_id, e.spent_on, e.category, e.amount, e.description,
            e.deleted_at) is distinct from
           (ref, new.customer_id, new.done_on, new.kind, new.cost, left(new.title, 4000), null);
    if not exists (select from public.expenses e where e.support_activity_id = new.id) then
      insert into public.expenses (reference, customer_id, spent_on, category, amount,
                                   description, support_activity_id)
      values (ref, new.customer_id, new.done_on, new.kind, new.cost, left(new.title, 4000), new.id);
    end if;
  else
    update public.expenses e set deleted_at = now()
     where e.support_activity_id = new.id and e.deleted_at is null;
  end if;
  return null;
end
$$;
create trigger support_activities_20_expense after insert or update on public.support_activities
  for each row execute function private.support_expense_sync();

-- No other write makes or changes an expense row of a support activity: not a person, not the
-- importer (the service side), so the same money is never counted twice.
create or replace function private.guard_support_expense() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 then  -- written by private.support_expense_sync
    return new;
  end if;
  if new.support_activity_id is not null
     or (tg_op = 'UPDATE' and old.support_activity_id is not null) then
    raise exception 'the expense of a support activity follows the activity: change the activity'
      using errcode = '42501', detail = '辅导支援的费用随支援活动自动记录，请修改支援活动本身';
  end if;
  if upper(new.reference) like 'SUP-%' then
    raise exception 'expense references starting with SUP- belong to support activities (got %)',
      new.reference using errcode = '22023',
      detail = '费用编号（reference）以 SUP- 开头的是辅导支援自动记录的费用，不能另行录入';
  end if;
  return new;
end
$$;
create trigger expenses_10_support before insert or update on public.expenses
  for each row execute function private.guard_support_expense();

-- 4 sync: staff phones pull and push them (a visit records support done offline) ---------------

insert into private.sync_tables (name, ord, pushable, roles, pull_filter)
values ('support_activities', 23, true, array['rep', 'area_manager', 'manager'], null);
alter table public.support_activities add column txid xid8 not null default private.sync_register();
alter table public.support_activities add column version bigint not null default 1;
create index support_activities_txid_idx on public.support_activities (txid);
create trigger support_activities_sync_stamp before insert or update on public.support_activities
  for each row execute function private.sync_stamp();
create trigger support_activities_tombstone before delete on public.support_activities
  for each row execute function private.sync_tombstone();
create trigger support_activities_sync_register before insert or update or delete
  on public.support_activities
  for each statement execute function private.sync_register_statement();

-- 5 RPCs ----------------------------------------------------------------------------------------

-- A text of at most 4,000 characters, the field named.
create or replace function private.support_check_text(p_text text, p_field text, p_zh text)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if length(coalesce(p_text, '')) > 4000 then
    raise exception '% is longer than 4000 characters', p_field using errcode = '22023',
      detail = format('%s（%s）不能超过4000字', p_zh, p_field);
  end if;
end
$$;

-- The activity, locked, when the caller (staff) sees it: P0002 otherwise.
create or replace function private.support_for_action(p_support_id uuid)
returns public.support_activities
language plpgsql security definer set search_path = ''
as $$
declare
  row public.support_activities;
begin
  if p_support_id is null then
    raise exception 'p_support_id is required' using errcode = '22023',
      detail = '缺少支援活动编号（p_support_id）';
  end if;
  select * into row from public.support_activities s
   where s.id = p_support_id and s.deleted_at is null for update;
  if not found or not ((select private.is_manager())
                       or row.customer_id in (select private.staff_customer_ids())) then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

-- Plans a new activity or records one done (p_done_on given), or edits a planned or done one
-- (p_support_id): customer in the caller's scope, kind valid, cost ≥ 0, dates sane.
create or replace function public.support_save(
  p_customer_id uuid, p_kind text, p_title text default null, p_planned_on date default null,
  p_done_on date default null, p_cost numeric default 0, p_materials text default null,
  p_outcome text default null, p_visit_id uuid default null, p_support_id uuid default null)
returns public.support_activities
language plpgsql security invoker set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  cur public.support_activities;
  row public.support_activities;
  v_title text := coalesce(nullif(btrim(coalesce(p_title, '')), ''),
    case p_kind when 'training' then '培训' when 'management' then '管理咨询'
                when 'sales_activity' then '促销活动支持' when 'advertising_pr' then '广告公关'
                when 'store_display' then '店面装修与陈列' when 'promotion' then '促销'
                when 'information' then '信息服务' end);
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023',
      detail = '缺少客户编号（p_customer_id）';
  end if;
  if not exists (select from public.customers c where c.id = p_customer_id
                    and c.deleted_at is null) then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform private.check_support_fields(p_kind, v_title, p_planned_on, p_done_on,
                                       coalesce(p_cost, -1));
  -- (a direct write meets the length check support_activities_title_len instead)
  if length(p_title) > 200 then
    raise exception 'title is longer than 200 characters' using errcode = '22023',
      detail = '支援主题（title）不能超过200字';
  end if;

  if p_planned_on is null and p_done_on is null then
    raise exception 'planned_on or done_on is required' using errcode = '22023',
      detail = '请填写计划日期（planned_on）或完成日期（done_on）';
  end if;
  perform private.support_check_text(p_materials, 'materials', '提供物料');
  perform private.support_check_text(p_outcome, 'outcome', '效果');
  if p_visit_id is not null and not exists (
      select from public.visits v where v.id = p_visit_id and v.customer_id = p_customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '拜访（visit_id）不是该客户的拜访';
  end if;
  if p_support_id is null then
    insert into public.support_activities (customer_id, kind, title, planned_on, done_on, cost,
                                           status, owner_id, materials, outcome, visit_id)
    values (p_customer_id, p_kind, v_title, p_planned_on, p_done_on, p_cost,
            case when p_done_on is null then 'planned' else 'done' end, who,
            nullif(btrim(coalesce(p_materials, '')), ''), nullif(btrim(coalesce(p_outcome, '')), ''),
            p_visit_id)
    returning * into row;
    return row;
  end if;
  cur := private.support_for_action(p_support_id);
  if cur.customer_id <> p_customer_id then
    raise exception 'a support activity stays with its customer' using errcode = '22023',
      detail = '支援活动的客户（p_customer_id）不能修改';
  end if;
  if cur.status not in ('planned', 'done') then
    raise exception 'the support activity is already %', cur.status using errcode = '55000',
      detail = '已评估或已取消的支援活动不能修改';
  end if;
  update public.support_activities s
     set kind = p_kind, title = v_title, planned_on = p_planned_on, done_on = p_done_on,
         cost = p_cost, materials = nullif(btrim(coalesce(p_materials, '')), ''),
         outcome = nullif(btrim(coalesce(p_outcome, '')), ''), visit_id = p_visit_id,
         status = case when p_done_on is null and cur.status = 'planned' then 'planned' else 'done' end
   where s.id = cur.id
  returning * into row;
  if row.id is null then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

-- Records a planned (or done) activity done: the day, cost, materials given and outcome.
create or replace function public.support_complete(p_support_id uuid, p_done_on date,
                                                   p_cost numeric default 0,
                                                   p_materials text default null,
                                                   p_outcome text default null)
returns public.support_activities
language plpgsql security invoker set search_path = ''
as $$
declare
  cur public.support_activities;
  row public.support_activities;
begin
  perform private.require_staff();
  cur := private.support_for_action(p_support_id);
  if cur.status not in ('planned', 'done') then
    raise exception 'the support activity is already %', cur.status using errcode = '55000',
      detail = '已评估或已取消的支援活动不能再记录完成';
  end if;
  if p_done_on is null then
    raise exception 'done_on is required' using errcode = '22023',
      detail = '请填写完成日期（done_on）';
  end if;
  perform private.check_support_fields(cur.kind, cur.title, null, p_done_on, coalesce(p_cost, -1));
  perform private.support_check_text(p_materials, 'materials', '提供物料');
  perform private.support_check_text(p_outcome, 'outcome', '效果');
  update public.support_activities s
     set status = 'done', done_on = p_done_on, cost = p_cost,
         materials = coalesce(nullif(btrim(coalesce(p_materials, '')), ''), s.materials),
         outcome = coalesce(nullif(btrim(coalesce(p_outcome, '')), ''), s.outcome)
   where s.id = cur.id
  returning * into row;
  if row.id is null then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

-- An area manager (their areas) or a manager scores a done activity 1–5 with a note (may be
-- given again while evaluated: the latest counts). Runs as its owner: direct writes cannot.
create or replace function public.support_evaluate(p_support_id uuid, p_score integer,
                                                   p_note text default null)
returns public.support_activities
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  cur public.support_activities;
  row public.support_activities;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager evaluates support',
                         '只有区域经理或销售经理可以评估支援效果');
  end if;
  cur := private.support_for_action(p_support_id);
  if cur.status not in ('done', 'evaluated') then
    raise exception 'only a done support activity is evaluated (it is %)', cur.status
      using errcode = '55000', detail = '支援活动完成后才能评估';
  end if;
  if p_score is null or p_score not between 1 and 5 then
    raise exception 'score must be a whole number from 1 to 5 (got %)', p_score
      using errcode = '22023', detail = '评分（score）必须是1到5的整数';
  end if;
  perform private.support_check_text(p_note, 'note', '评估说明');
  update public.support_activities s
     set status = 'evaluated', score = p_score,
         evaluation_note = nullif(btrim(coalesce(p_note, '')), ''),
         evaluated_by = who, evaluated_at = private.company_now()
   where s.id = cur.id
  returning * into row;
  return row;
end
$$;

-- Staff who see the customer cancel a planned or done activity (its expense row goes). Runs as
-- its owner: direct writes cannot set cancelled.
create or replace function public.support_cancel(p_support_id uuid, p_reason text default null)
returns public.support_activities
language plpgsql security definer set search_path = ''
as $$
declare
  cur public.support_activities;
  row public.support_activities;
begin
  perform private.require_staff();
  cur := private.support_for_action(p_support_id);
  if cur.status not in ('planned', 'done') then
    raise exception 'the support activity is already %', cur.status using errcode = '55000',
      detail = '已评估或已取消的支援活动不能取消';
  end if;
  perform private.support_check_text(p_reason, 'reason', '取消原因');
  update public.support_activities s
     set status = 'cancelled', cancelled_at = private.company_now(),
         cancel_reason = nullif(btrim(coalesce(p_reason, '')), '')
   where s.id = cur.id
  returning * into row;
  return row;
end
$$;

-- 6 the summary and the list --------------------------------------------------------------------

-- The areas a staff caller may ask about: the chosen one and those under it (P0002 unknown,
-- 42501 outside the caller's areas); null: the caller's areas (area managers, reps) or every
-- area (managers, the service side).
create or replace function private.support_areas(p_area_id uuid, p_api boolean)
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_scope uuid[];
begin
  if p_area_id is not null and not exists (select from public.areas a where a.id = p_area_id
                                               and a.deleted_at is null) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（p_area_id）';
  end if;
  if p_api and (select private.my_role()) <> 'manager' then
    v_scope := array(select private.my_area_ids());
    if p_area_id is not null and not (p_area_id = any(v_scope)) then
      perform private.deny('you see the support of your own areas only',
                           '只能查看自己负责区域的辅导支援');
    end if;
  end if;
  if p_area_id is null then
    return v_scope;
  end if;
  return array(
    with recursive tree as (
      select p_area_id as id
      union
      select a.id from public.areas a join tree t on a.parent_id = t.id
    )
    select id from tree);
end
$$;

-- Support per area and per owner in a period: planned (planned_on in the period, still planned),
-- done (done_on in the period, done or evaluated), cancelled, their cost; and per area the
-- expense budgets of its customers overlapping the period and all expenses in it (support cost
-- included: it is an expense row). One definition: the desk, reports and the benchmark call it.
create or replace function public.support_summary(p_area_id uuid default null,
                                                  p_from date default null,
                                                  p_to date default null)
returns table (level text, area_id uuid, area_name text, owner_id uuid, owner_name text,
               planned bigint,
               done bigint, evaluated bigint, cancelled bigint, overdue bigint, cost numeric,
               avg_score numeric, budget numeric, expenses numeric)
language plpgsql stable security definer set search_path = ''
set jit = 'off' set plan_cache_mode = 'force_custom_plan'  -- a generic plan scanned every area
as $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  v_from date := coalesce(p_from, date_trunc('month', private.company_today())::date);
  v_to date := coalesce(p_to, (date_trunc('month', private.company_today())
                               + interval '1 month - 1 day')::date);
  v_today date := private.company_today();
  v_areas uuid[];
begin
  if api then
    perform private.require_staff();
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager sees the support summary',
                           '只有区域经理或销售经理可以查看辅导支援汇总');
    end if;
  end if;
  if v_to < v_from or v_to - v_from > 1096 then
    raise exception 'the period % to % is not sane (at most three years)', v_from, v_to
      using errcode = '22023', detail = '统计期间（p_from、p_to）无效：结束日期不能早于开始日期，最长三年';
  end if;
  v_areas := private.support_areas(p_area_id, api);
  return query
  with cust as materialized (
    select c.id, c.area_id from public.customers c
     where c.deleted_at is null and (v_areas is null or c.area_id = any(v_areas))
  ), acts as (
    select c.area_id, s.owner_id, s.status, s.cost, s.score, s.planned_on, s.done_on
      from public.support_activities s join cust c on c.id = s.customer_id
     where s.deleted_at is null
       and (s.planned_on between v_from and v_to or s.done_on between v_from and v_to)
  ), per as (
    select a.area_id, a.owner_id, grouping(a.owner_id) = 1 as whole_area,
           count(*) filter (where a.status = 'planned') as planned,
           count(*) filter (where a.status in ('done', 'evaluated')
                              and a.done_on between v_from and v_to) as done,
           count(*) filter (where a.status = 'evaluated'
                              and a.done_on between v_from and v_to) as evaluated,
           count(*) filter (where a.status = 'cancelled') as cancelled,
           count(*) filter (where a.status = 'planned' and a.planned_on < v_today) as overdue,
           coalesce(sum(a.cost) filter (where a.status in ('done', 'evaluated')
                                          and a.done_on between v_from and v_to), 0) as cost,
           round(avg(a.score), 2) as avg_score
      from acts a
     group by grouping sets ((a.area_id), (a.area_id, a.owner_id))
  ), bud as (
    select c.area_id, sum(b.amount) as budget
      from public.expense_budgets b join cust c on c.id = b.customer_id
     where b.deleted_at is null and b.period_start <= v_to and b.period_end >= v_from
     group by c.area_id
  ), exp as (
    select c.area_id, sum(e.amount) as expenses
      from public.expenses e join cust c on c.id = e.customer_id
     where e.deleted_at is null and e.spent_on between v_from and v_to
     group by c.area_id
  ), areas_seen as (
    select area_id from per union select area_id from bud
  )
  select case when coalesce(p.whole_area, true) then 'area' else 'owner' end,
         x.area_id, ar.name, p.owner_id, pr.full_name,
         coalesce(p.planned, 0), coalesce(p.done, 0), coalesce(p.evaluated, 0),
         coalesce(p.cancelled, 0), coalesce(p.overdue, 0), coalesce(p.cost, 0), p.avg_score,
         case when coalesce(p.whole_area, true) then coalesce(b.budget, 0) end,
         case when coalesce(p.whole_area, true) then coalesce(e.expenses, 0) end
    from areas_seen x
    left join per p on p.area_id = x.area_id
    left join bud b on b.area_id = x.area_id
    left join exp e on e.area_id = x.area_id
    left join public.areas ar on ar.id = x.area_id
    left join public.profiles pr on pr.id = p.owner_id
   where x.area_id is not null
   order by ar.name, x.area_id, coalesce(p.whole_area, true) desc, pr.full_name;
end
$$;

-- Activities in the caller's scope, newest first: staff by visibility (an area or one customer,
-- a status, a period); a dealer its own company's, without the internal evaluation (score and
-- note) and cancellation reason.
create or replace function public.support_list(p_customer_id uuid default null,
                                               p_area_id uuid default null,
                                               p_status text default null,
                                               p_from date default null,
                                               p_to date default null,
                                               p_limit integer default 200)
returns table (id uuid, customer_id uuid, customer_code text, customer_name text,
               area_name text, kind text, title text, status text, planned_on date,
               done_on date, cost numeric, materials text, outcome text, score smallint,
               evaluation_note text, owner_id uuid, owner_name text, visit_id uuid,
               photo_count bigint)
language plpgsql stable security definer set search_path = ''
set jit = 'off' set plan_cache_mode = 'force_custom_plan'  -- a generic plan scanned every area
as $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  v_role text;
  v_dealer uuid;
  v_areas uuid[];
begin
  if api then
    perform private.require_caller();
    v_role := (select private.my_role());
    if v_role = 'dealer' then
      v_dealer := (select private.my_customer_id());
    elsif v_role not in ('rep', 'area_manager', 'manager') then
      perform private.deny('you may not see support activities', '无权查看辅导支援');
    end if;
  end if;
  if p_status is not null and p_status not in ('planned', 'done', 'evaluated', 'cancelled') then
    raise exception 'status % is not a support status', p_status using errcode = '22023',
      detail = '状态（p_status）无效';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'p_limit must be from 1 to 1000 (got %)', p_limit using errcode = '22023',
      detail = '条数上限（p_limit）必须在1到1000之间';
  end if;
  if v_role is distinct from 'dealer' and p_area_id is not null then
    v_areas := private.support_areas(p_area_id, api);
  end if;
  return query
  select s.id, s.customer_id, c.code, c.name, ar.name, s.kind, s.title, s.status, s.planned_on,
         s.done_on, s.cost, s.materials, s.outcome,
         case when v_dealer is null then s.score end,
         case when v_dealer is null then s.evaluation_note end,
         s.owner_id, pr.full_name, s.visit_id,
         (select count(*) from public.photos ph
           where s.visit_id is not null and ph.visit_id = s.visit_id and ph.deleted_at is null)
    from public.support_activities s
    join public.customers c on c.id = s.customer_id
    left join public.areas ar on ar.id = c.area_id
    left join public.profiles pr on pr.id = s.owner_id
   where s.deleted_at is null
     and (p_customer_id is null or s.customer_id = p_customer_id)
     and (v_areas is null or c.area_id = any(v_areas))
     and (p_status is null or s.status = p_status)
     and (p_from is null or coalesce(s.done_on, s.planned_on) >= p_from)
     and (p_to is null or coalesce(s.done_on, s.planned_on) <= p_to)
     and (not api
          or (v_role = 'dealer' and s.customer_id = v_dealer)
          or v_role = 'manager'
          or (v_role in ('rep', 'area_manager')
              and s.customer_id in (select private.staff_customer_ids())))
   order by coalesce(s.done_on, s.planned_on) desc nulls last, s.created_at desc
   limit p_limit;
end
$$;

-- 7 grants --------------------------------------------------------------------------------------

revoke all on function private.check_support_fields(text, text, date, date, numeric),
  private.guard_support_write(), private.support_visit_matches(uuid, uuid),
  private.support_expense_sync(), private.guard_support_expense(),
  private.support_check_text(text, text, text), private.support_for_action(uuid),
  private.support_areas(uuid, boolean) from public, anon;
-- triggers and invoker RPCs run as the writer: people need these
grant execute on function private.check_support_fields(text, text, date, date, numeric),
  private.guard_support_write(), private.support_visit_matches(uuid, uuid),
  private.support_expense_sync(), private.guard_support_expense(),
  private.support_check_text(text, text, text), private.support_for_action(uuid)
  to authenticated, service_role;
grant execute on function private.support_areas(uuid, boolean) to service_role;

revoke all on function
  public.support_save(uuid, text, text, date, date, numeric, text, text, uuid, uuid),
  public.support_complete(uuid, date, numeric, text, text),
  public.support_evaluate(uuid, integer, text), public.support_cancel(uuid, text),
  public.support_summary(uuid, date, date),
  public.support_list(uuid, uuid, text, date, date, integer) from public, anon;
grant execute on function
  public.support_save(uuid, text, text, date, date, numeric, text, text, uuid, uuid),
  public.support_complete(uuid, date, numeric, text, text),
  public.support_evaluate(uuid, integer, text), public.support_cancel(uuid, text),
  public.support_summary(uuid, date, date),
  public.support_list(uuid, uuid, text, date, date, integer) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
