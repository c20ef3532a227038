-- Issue 18, part 2, communication (沟通体制, the source's section 5): business meetings with the
-- dealers (业务座谈会: quarterly, half-yearly, annual, ad hoc), who attended, the decisions taken
-- (决议: an owner, a due date, open → done), and customer feedback (客户意见: a score 1–5 and a
-- text, at a visit or a meeting). Sections: 1 tables, 2 who sees a meeting, 3 access, 4 the
-- decision's status guard (the RPC and a phone's sync_push obey the same rules), 5 sync,
-- 6 RPCs, 7 feedback_summary, 8 grants.
--
-- A meeting's minutes are the record shared with those who were there: a dealer that attended
-- reads the meeting (date, kind, place, agenda, minutes), its attendees and its decisions. Notes
-- meant for staff only belong in customer notes, not in the minutes (docs/meetings.md).
-- "Overdue" counts calendar days from the company clock: a decision is overdue on the day after
-- its due date while it is not done (private.company_today()).

-- 1 tables ---------------------------------------------------------------------------------------

create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  area_id uuid not null references public.areas (id),
  kind text not null constraint meetings_kind_check
    check (kind in ('quarterly', 'half_year', 'annual', 'ad_hoc')),
  held_on date not null,
  place text,
  agenda text not null,
  minutes text,
  created_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint meetings_kind_len check (char_length(kind) <= 200),
  constraint meetings_place_len check (char_length(place) <= 200),
  constraint meetings_agenda_len check (char_length(agenda) <= 4000),
  constraint meetings_minutes_len check (char_length(minutes) <= 4000)
);
create index meetings_area_id_idx on public.meetings (area_id);
create index meetings_created_by_idx on public.meetings (created_by);
create trigger meetings_touch_updated_at before update on public.meetings
  for each row execute function private.touch_updated_at();

-- who attended: a customer (dealer or outlet) or a staff member, one of the two per row
create table public.meeting_attendees (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id),
  customer_id uuid references public.customers (id),
  profile_id uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint meeting_attendees_who_check check ((customer_id is null) <> (profile_id is null))
);
create unique index meeting_attendees_customer_idx on public.meeting_attendees (meeting_id, customer_id)
  where customer_id is not null;
create unique index meeting_attendees_profile_idx on public.meeting_attendees (meeting_id, profile_id)
  where profile_id is not null;
create index meeting_attendees_customer_id_idx on public.meeting_attendees (customer_id);
create index meeting_attendees_profile_id_idx on public.meeting_attendees (profile_id);
create trigger meeting_attendees_touch_updated_at before update on public.meeting_attendees
  for each row execute function private.touch_updated_at();

create table public.meeting_decisions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references public.meetings (id),
  body text not null,
  owner_id uuid not null references public.profiles (id),
  due_on date not null,
  status text not null default 'open' constraint meeting_decisions_status_check
    check (status in ('open', 'done')),
  done_at timestamptz,
  done_by uuid references public.profiles (id),
  done_note text,
  created_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint meeting_decisions_body_len check (char_length(body) <= 4000),
  constraint meeting_decisions_status_len check (char_length(status) <= 200),
  constraint meeting_decisions_done_note_len check (char_length(done_note) <= 4000),
  -- a done decision says when; an open one has no done fields
  constraint meeting_decisions_done_check check ((status = 'done') = (done_at is not null))
);
create index meeting_decisions_meeting_id_idx on public.meeting_decisions (meeting_id);
create index meeting_decisions_owner_id_idx on public.meeting_decisions (owner_id);
create index meeting_decisions_done_by_idx on public.meeting_decisions (done_by);
create index meeting_decisions_created_by_idx on public.meeting_decisions (created_by);
create trigger meeting_decisions_touch_updated_at before update on public.meeting_decisions
  for each row execute function private.touch_updated_at();

-- feedback: a score 1–5 and a text, at a visit (visit_id) or a meeting (meeting_id), or neither
create table public.customer_feedback (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  score smallint not null constraint customer_feedback_score_range check (score between 1 and 5),
  body text,
  visit_id uuid references public.visits (id),
  meeting_id uuid references public.meetings (id),
  recorded_on date not null default private.company_today(),
  recorded_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint customer_feedback_body_len check (char_length(body) <= 4000),
  constraint customer_feedback_where_check check (visit_id is null or meeting_id is null)
);
create index customer_feedback_customer_id_idx on public.customer_feedback (customer_id, recorded_on);
create index customer_feedback_visit_id_idx on public.customer_feedback (visit_id);
create index customer_feedback_meeting_id_idx on public.customer_feedback (meeting_id);
create index customer_feedback_recorded_by_idx on public.customer_feedback (recorded_by);
create trigger customer_feedback_touch_updated_at before update on public.customer_feedback
  for each row execute function private.touch_updated_at();

-- 2 who sees a meeting -----------------------------------------------------------------------------
-- Managers all; area managers those of their areas; staff those where a customer of theirs or
-- they themselves attended, or that hold a decision they own; a dealer those it attended.
-- One security definer helper, so the three tables' policies do not read each other's.
create or replace function private.my_meeting_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id from public.meetings m
   where (select private.is_manager())
      or ((select private.my_role()) = 'area_manager'
          and m.area_id in (select private.my_area_ids()))
  union
  select a.meeting_id from public.meeting_attendees a
   where ((select private.is_staff())
          and (a.customer_id in (select private.staff_customer_ids())
               or a.profile_id = (select auth.uid())))
      or a.customer_id = (select private.my_customer_id())
  union
  select d.meeting_id from public.meeting_decisions d
   where d.owner_id = (select auth.uid()) and (select private.is_staff())
$$;

-- 3 access ---------------------------------------------------------------------------------------
-- Meetings, attendees and decisions are written by the RPCs (section 6); a decision's owner,
-- the meeting's area manager and managers also mark it done by a direct update of its status
-- (a phone's sync_push), under the same rules (section 4). Feedback is recorded by staff for a
-- customer they see (a phone's visit pushes it); its recorder corrects it; a dealer reads its own.

alter table public.meetings enable row level security;
create policy "People read the meetings they may see" on public.meetings
  for select to authenticated using (id in (select private.my_meeting_ids()));
revoke insert, update, delete on public.meetings from authenticated;

alter table public.meeting_attendees enable row level security;
create policy "People read the attendees of meetings they may see" on public.meeting_attendees
  for select to authenticated using (meeting_id in (select private.my_meeting_ids()));
revoke insert, update, delete on public.meeting_attendees from authenticated;

alter table public.meeting_decisions enable row level security;
create policy "People read the decisions of meetings they may see" on public.meeting_decisions
  for select to authenticated using (meeting_id in (select private.my_meeting_ids()));
create policy "The owner, the area manager and managers mark a decision done"
  on public.meeting_decisions for update to authenticated
  using (owner_id = (select auth.uid())
         or (select private.is_manager())
         or ((select private.my_role()) = 'area_manager'
             and meeting_id in (select private.my_meeting_ids())))
  with check (true);
revoke insert, update, delete on public.meeting_decisions from authenticated;
grant update (status, done_note) on public.meeting_decisions to authenticated;

alter table public.customer_feedback enable row level security;
create policy "Staff read their customers' feedback, a dealer its own" on public.customer_feedback
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
create policy "Staff record feedback of customers they see" on public.customer_feedback
  for insert to authenticated with check (
    recorded_by = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
create policy "The recorder corrects their feedback" on public.customer_feedback
  for update to authenticated using (
    recorded_by = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
revoke delete on public.customer_feedback from authenticated;

-- Feedback at a visit names a visit of that customer; at a meeting, a meeting the customer
-- attended (for every writer: the service side too).
create or replace function private.check_feedback_place() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.visit_id is not null and not exists (
      select from public.visits v where v.id = new.visit_id and v.customer_id = new.customer_id) then
    raise exception 'the visit is not a visit of this customer' using errcode = '22023',
      detail = '意见所属的拜访（visit_id）不是该客户的拜访';
  end if;
  if new.meeting_id is not null and not exists (
      select from public.meeting_attendees a
       where a.meeting_id = new.meeting_id and a.customer_id = new.customer_id
         and a.deleted_at is null) then
    raise exception 'the customer did not attend this meeting' using errcode = '22023',
      detail = '该客户没有参加这次座谈会（meeting_id）';
  end if;
  return new;
end
$$;
create trigger customer_feedback_10_place before insert or update of customer_id, visit_id,
  meeting_id on public.customer_feedback
  for each row execute function private.check_feedback_place();

-- 4 the decision's status guard ------------------------------------------------------------------
-- A person (the API role, through PATCH, sync_push or decision_done, which runs as its caller)
-- may only take an open decision to done, with an optional note; who and when are set here. A
-- done decision stays done. The service side (imports, the demo) is not a signed-in writer.
create or replace function private.guard_decision_status() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user not in ('authenticated', 'anon') then
    if new.status = 'done' and new.done_at is null then
      new.done_at := private.company_now();
    end if;
    return new;
  end if;
  if old.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  if new.status is distinct from 'done' then
    raise exception 'a decision can only be marked done' using errcode = '22023',
      detail = '决议只能标记为已完成（status = done）';
  end if;
  new.done_at := private.company_now();
  new.done_by := (select auth.uid());
  new.done_note := nullif(btrim(coalesce(new.done_note, '')), '');
  return new;
end
$$;
create trigger meeting_decisions_10_status before update on public.meeting_decisions
  for each row execute function private.guard_decision_status();

-- 5 sync -----------------------------------------------------------------------------------------
-- Phones pull the meetings, attendees and decisions they may see (a rep's own decisions with
-- their meetings reach Today offline) and feedback; they push decisions marked done and feedback.

insert into private.sync_tables (name, ord, pushable, roles, pull_filter) values
  ('meetings', 24, false, null, null),
  ('meeting_attendees', 25, false, null, null),
  ('meeting_decisions', 26, true, null, null),
  ('customer_feedback', 27, true, null, null);
do $$
declare
  t text;
begin
  foreach t in array array['meetings', 'meeting_attendees', 'meeting_decisions',
                           'customer_feedback'] loop
    execute format('alter table public.%1$I add column txid xid8 not null'
                   ' default private.sync_register()', t);
    execute format('alter table public.%1$I add column version bigint not null default 1', t);
    execute format('create index %1$I on public.%2$I (txid)', t || '_txid_idx', t);
    execute format('create trigger %1$I before insert or update on public.%2$I'
                   ' for each row execute function private.sync_stamp()', t || '_sync_stamp', t);
    execute format('create trigger %1$I before delete on public.%2$I'
                   ' for each row execute function private.sync_tombstone()', t || '_tombstone', t);
    execute format('create trigger %1$I before insert or update or delete on public.%2$I'
                   ' for each statement execute function private.sync_register_statement()',
                   t || '_sync_register', t);
  end loop;
end
$$;

-- 6 RPCs -----------------------------------------------------------------------------------------

-- A text: required or not, at most p_max characters; the field is named in both languages.
create or replace function private.meeting_check_text(p_text text, p_required boolean,
                                                      p_max integer, p_field text, p_zh text)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_required and length(btrim(coalesce(p_text, ''))) = 0 then
    raise exception '% is required', p_field using errcode = '22023',
      detail = format('请填写%s（%s）', p_zh, p_field);
  end if;
  if length(coalesce(p_text, '')) > p_max then
    raise exception '% is longer than % characters', p_field, p_max using errcode = '22023',
      detail = format('%s（%s）不能超过%s字', p_zh, p_field, p_max);
  end if;
end
$$;

-- The meeting, for an area manager of its area or a manager to change: P0002 otherwise.
create or replace function private.meeting_for_staff_edit(p_meeting_id uuid)
returns public.meetings
language plpgsql stable security definer set search_path = ''
as $$
declare
  m public.meetings;
begin
  select * into m from public.meetings x where x.id = p_meeting_id and x.deleted_at is null;
  if not found or not ((select private.is_manager())
                       or ((select private.my_role()) = 'area_manager'
                           and m.area_id in (select private.my_area_ids()))) then
    raise exception 'meeting % not found', p_meeting_id using errcode = 'P0002',
      detail = '找不到该座谈会';
  end if;
  return m;
end
$$;

-- An area manager (their areas) or a manager records a meeting — a new one (p_meeting_id null)
-- or changes one — with its customer and staff attendees (the lists replace the old ones).
create or replace function public.meeting_save(
  p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text,
  p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[] default '{}')
returns public.meetings
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  bad uuid;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null then
    raise exception 'area_id is required' using errcode = '22023', detail = '请选择区域（area_id）';
  end if;
  if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  if p_kind is null or p_kind not in ('quarterly', 'half_year', 'annual', 'ad_hoc') then
    raise exception 'kind must be quarterly, half_year, annual or ad_hoc (got %)', p_kind
      using errcode = '22023', detail = '会议类型（kind）必须是季度、半年度、年度或临时';
  end if;
  if p_held_on is null then
    raise exception 'held_on is required' using errcode = '22023', detail = '请填写会议日期（held_on）';
  end if;
  if p_held_on > private.company_today() + 366 or p_held_on < private.company_today() - 3660 then
    raise exception 'held_on % is out of range', p_held_on using errcode = '22023',
      detail = '会议日期（held_on）须在十年前到一年后之间';
  end if;
  perform private.meeting_check_text(p_place, false, 200, 'place', '地点');
  perform private.meeting_check_text(p_agenda, true, 4000, 'agenda', '议题');
  perform private.meeting_check_text(p_minutes, false, 4000, 'minutes', '会议纪要');
  if cardinality(coalesce(p_customer_ids, '{}')) = 0 then
    raise exception 'customer_ids: at least one customer attends' using errcode = '22023',
      detail = '请选择至少一位参会客户（customer_ids）';
  end if;
  if cardinality(p_customer_ids) > 500 or cardinality(coalesce(p_staff_ids, '{}')) > 100 then
    raise exception 'customer_ids, staff_ids: too many attendees' using errcode = '22023',
      detail = '参会客户最多500家，员工最多100人';
  end if;
  -- every customer: live, seen by the caller, of the meeting's area or an area under it
  select x into bad from unnest(p_customer_ids) x
   where x is null or not exists (
     select from public.customers c
      where c.id = x and c.deleted_at is null
        and ((select private.is_manager()) or c.id in (select private.staff_customer_ids()))
        and c.area_id in (with recursive tree as (
                            select p_area_id as id
                            union select a.id from public.areas a join tree t on a.parent_id = t.id)
                          select id from tree))
   limit 1;
  if found then
    raise exception 'customer % is not a customer of the area', bad using errcode = '22023',
      detail = '参会客户（customer_ids）须是该区域的客户';
  end if;
  select x into bad from unnest(coalesce(p_staff_ids, '{}')) x
   where x is null or not exists (select from public.profiles p where p.id = x and p.active
                                     and p.role in ('rep', 'area_manager', 'manager'))
   limit 1;
  if found then
    raise exception 'staff % is not active staff', bad using errcode = '22023',
      detail = '参会员工（staff_ids）须是在职的内部员工';
  end if;

  if p_meeting_id is null then
    insert into public.meetings (area_id, kind, held_on, place, agenda, minutes, created_by)
    values (p_area_id, p_kind, p_held_on, nullif(btrim(coalesce(p_place, '')), ''),
            btrim(p_agenda), nullif(btrim(coalesce(p_minutes, '')), ''), who)
    returning * into m;
  else
    perform private.meeting_for_staff_edit(p_meeting_id);
    update public.meetings
       set area_id = p_area_id, kind = p_kind, held_on = p_held_on,
           place = nullif(btrim(coalesce(p_place, '')), ''), agenda = btrim(p_agenda),
           minutes = nullif(btrim(coalesce(p_minutes, '')), '')
     where id = p_meeting_id
    returning * into m;
  end if;
  -- the attendees as given: gone ones tombstoned, returning ones revived, new ones added
  update public.meeting_attendees a set deleted_at = now()
   where a.meeting_id = m.id and a.deleted_at is null
     and not coalesce(a.customer_id = any(p_customer_ids)
                      or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  update public.meeting_attendees a set deleted_at = null
   where a.meeting_id = m.id and a.deleted_at is not null
     and coalesce(a.customer_id = any(p_customer_ids)
                  or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  insert into public.meeting_attendees (meeting_id, customer_id)
  select m.id, x from (select distinct unnest(p_customer_ids) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.customer_id = s.x);
  insert into public.meeting_attendees (meeting_id, profile_id)
  select m.id, x from (select distinct unnest(coalesce(p_staff_ids, '{}')) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.profile_id = s.x);
  return m;
end
$$;

-- A decision of a meeting: its text, an owner (active staff) and a due date (not before the
-- meeting); by an area manager of the meeting's area or a manager.
create or replace function public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid,
                                               p_due_on date)
returns public.meeting_decisions
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  row public.meeting_decisions;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers add decisions',
                         '只有区域经理和销售经理可以添加决议');
  end if;
  if p_meeting_id is null then
    raise exception 'meeting_id is required' using errcode = '22023',
      detail = '缺少座谈会编号（meeting_id）';
  end if;
  m := private.meeting_for_staff_edit(p_meeting_id);
  perform private.meeting_check_text(p_body, true, 4000, 'body', '决议内容');
  if p_owner_id is null then
    raise exception 'owner_id is required: every decision has an owner' using errcode = '22023',
      detail = '请指定决议负责人（owner_id）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                   and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'owner % is not active staff', p_owner_id using errcode = '22023',
      detail = '决议负责人（owner_id）须是在职的内部员工';
  end if;
  if p_due_on is null then
    raise exception 'due_on is required: every decision has a due date' using errcode = '22023',
      detail = '请填写决议完成期限（due_on）';
  end if;
  if p_due_on < m.held_on or p_due_on > m.held_on + 3660 then
    raise exception 'due_on % must be on or after the meeting (%) and within ten years',
      p_due_on, m.held_on using errcode = '22023',
      detail = '完成期限（due_on）不能早于会议日期，也不能超过十年';
  end if;
  insert into public.meeting_decisions (meeting_id, body, owner_id, due_on, created_by)
  values (m.id, btrim(p_body), p_owner_id, p_due_on, who)
  returning * into row;
  return row;
end
$$;

-- Marks a decision done, as its caller (security invoker): the same policy and guard as a
-- phone's sync_push — only the owner, an area manager of the meeting's area or a manager.
create or replace function public.decision_done(p_decision_id uuid, p_note text default null)
returns public.meeting_decisions
language plpgsql security invoker set search_path = ''
as $$
declare
  d public.meeting_decisions;
  row public.meeting_decisions;
begin
  perform private.require_staff();
  if p_decision_id is null then
    raise exception 'decision_id is required' using errcode = '22023',
      detail = '缺少决议编号（decision_id）';
  end if;
  perform private.meeting_check_text(p_note, false, 4000, 'note', '完成说明');
  select * into d from public.meeting_decisions x
   where x.id = p_decision_id and x.deleted_at is null;
  if not found then
    raise exception 'decision % not found', p_decision_id using errcode = 'P0002',
      detail = '找不到该决议';
  end if;
  if d.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  update public.meeting_decisions set status = 'done', done_note = p_note
   where id = p_decision_id
  returning * into row;
  if row.id is null then
    perform private.deny(
      'only the owner, the area manager of the meeting or a manager marks a decision done',
      '只有决议负责人、该区域经理或销售经理可以标记完成');
  end if;
  return row;
end
$$;

-- Meetings the caller may see, newest first, with counts; an area's or all.
create or replace function public.meetings_list(p_from date default null, p_to date default null)
returns table (id uuid, area_id uuid, area_name text, kind text, held_on date, place text,
               agenda text, customers bigint, decisions bigint, open_decisions bigint,
               overdue_decisions bigint)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  perform private.require_caller();
  return query
    select m.id, m.area_id, a.name, m.kind, m.held_on, m.place, m.agenda,
           (select count(*) from public.meeting_attendees x
             where x.meeting_id = m.id and x.customer_id is not null and x.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'
               and d.due_on < private.company_today())
      from public.meetings m
      left join public.areas a on a.id = m.area_id
     where m.deleted_at is null
       and (p_from is null or m.held_on >= p_from) and (p_to is null or m.held_on <= p_to)
     order by m.held_on desc, m.created_at desc;
end
$$;

-- Who may own a decision of a meeting of the area: active reps and area managers of the area,
-- the areas under it and above it, and managers; for the meeting form's owner list.
create or replace function public.meeting_staff(p_area_id uuid)
returns table (id uuid, full_name text, role text, area_id uuid)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null or not exists (select from public.areas a
                                       where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  return query
    with recursive below as (
      select p_area_id as id
      union select a.id from public.areas a join below b on a.parent_id = b.id),
    above as (
      select a.id, a.parent_id from public.areas a where a.id = p_area_id
      union select a.id, a.parent_id from public.areas a join above x on a.id = x.parent_id)
    select p.id, p.full_name, p.role, p.area_id from public.profiles p
     where p.active and (p.role = 'manager'
                         or (p.role in ('rep', 'area_manager')
                             and (p.area_id in (select b.id from below b)
                                  or p.area_id in (select x.id from above x))))
     order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name;
end
$$;

-- 7 feedback_summary -----------------------------------------------------------------------------
-- THE figure of customer feedback (docs/figures.md): per area (the customer's), over the scored
-- feedback recorded from p_from to p_to: count, average score, share of low scores (1–2), per
-- month (month = its first day) and for the whole period (month null); `unscored` counts the
-- visits in the period whose free-text `visits.feedback` has no scored record (the text before
-- scores existed, or a visit where no score was given). Area managers (their areas: p_area_id
-- and the areas under it, default all of theirs), managers and the service side (default every
-- area).
create or replace function public.feedback_summary(p_area_id uuid default null,
                                                   p_from date default null,
                                                   p_to date default null)
returns table (area_id uuid, area_name text, month date, feedback_count bigint,
               average_score numeric, low_share numeric, unscored bigint)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_to date := coalesce(p_to, private.company_today());
  v_from date := coalesce(p_from, (date_trunc('month', coalesce(p_to, private.company_today()))
                                   - interval '11 months')::date);
  v_areas uuid[];
  -- the service side (the monthly report) sees every area, as private.report_customers
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
begin
  if api then
    perform private.require_staff();
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only area managers and managers see the feedback summary',
                           '只有区域经理和销售经理可以查看客户意见汇总');
    end if;
  end if;
  everyone := not api or (select private.is_manager());
  if v_from > v_to then
    raise exception 'p_from % is after p_to %', v_from, v_to using errcode = '22023',
      detail = '开始日期（p_from）不能晚于结束日期（p_to）';
  end if;
  if p_area_id is not null then
    if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
       or not (everyone or p_area_id in (select private.my_area_ids())) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域（p_area_id）';
    end if;
    with recursive tree as (
      select p_area_id as id
      union select a.id from public.areas a join tree t on a.parent_id = t.id)
    select array_agg(id) into v_areas from tree;
  elsif not everyone then
    select array_agg(x) into v_areas from private.my_area_ids() x;
  end if;
  return query
    with scored as (
      select c.area_id, date_trunc('month', f.recorded_on)::date as mon, f.score
        from public.customer_feedback f join public.customers c on c.id = f.customer_id
       where f.deleted_at is null and f.recorded_on between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))),
    texts as (
      select c.area_id, date_trunc('month', (v.checkin_at at time zone private.company_tz()))::date
               as mon
        from public.visits v join public.customers c on c.id = v.customer_id
       where v.deleted_at is null and length(btrim(coalesce(v.feedback, ''))) > 0
         and (v.checkin_at at time zone private.company_tz())::date between v_from and v_to
         and (v_areas is null or c.area_id = any(v_areas))
         and not exists (select from public.customer_feedback f
                          where f.visit_id = v.id and f.deleted_at is null)),
    allr as (
      select s.area_id, s.mon, s.score, 0 as unscored from scored s
      union all
      select t.area_id, t.mon, null, 1 from texts t)
    select r.area_id, a.name, case when grouping(r.mon) = 0 then r.mon end,
           count(r.score), round(avg(r.score), 2),
           case when count(r.score) > 0
                then round(count(*) filter (where r.score <= 2)::numeric / count(r.score), 4) end,
           sum(r.unscored)::bigint
      from allr r left join public.areas a on a.id = r.area_id
     group by grouping sets ((r.area_id, a.name), (r.area_id, a.name, r.mon))
     order by a.name, r.area_id, grouping(r.mon) desc, 3;
end
$$;

-- 8 grants ---------------------------------------------------------------------------------------

revoke all on function private.my_meeting_ids(), private.check_feedback_place(),
  private.guard_decision_status(), private.meeting_check_text(text, boolean, integer, text, text),
  private.meeting_for_staff_edit(uuid) from public, anon;
-- policies and triggers run as the caller; decision_done (security invoker) checks as the caller
grant execute on function private.my_meeting_ids(), private.check_feedback_place(),
  private.guard_decision_status(), private.meeting_check_text(text, boolean, integer, text, text),
  private.meeting_for_staff_edit(uuid) to authenticated, service_role;

revoke all on function
  public.meeting_save(uuid, uuid, text, date, text, text, text, uuid[], uuid[]),
  public.decision_add(uuid, text, uuid, date), public.decision_done(uuid, text),
  public.meetings_list(date, date), public.meeting_staff(uuid),
  public.feedback_summary(uuid, date, date) from public, anon;
grant execute on function
  public.meeting_save(uuid, uuid, text, date, text, text, text, uuid[], uuid[]),
  public.decision_add(uuid, text, uuid, date), public.decision_done(uuid, text),
  public.meetings_list(date, date), public.meeting_staff(uuid),
  public.feedback_summary(uuid, date, date) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
