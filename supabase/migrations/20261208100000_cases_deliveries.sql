-- Issue 16, server side: deliveries confirmed line by line (offline, exactly once) and one case
-- model for every kind of after-sales work (docs/cases.md).
-- Sections: 1 settings, 2 tables, 3 access, 4 sync (role-scoped tables), 5 the case machine,
-- 6 delivery confirmation, 7 case actions, 8 deliveries lists, 9 guards and grants.

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('delivery.confirm_days', '3',
   'Days a dealer has to confirm a delivery after shipping; later it is overdue (dealer, then the rep''s Today)'),
  ('case.sla_days', '{"low": 7, "medium": 3, "high": 1}',
   'Days an after-sales case may stay without an answer, by severity: its due time is opened + these days')
on conflict (key) do nothing;

create or replace function private.check_case_settings() returns trigger
language plpgsql set search_path = ''
as $$
declare
  sev text;
begin
  if new.key = 'delivery.confirm_days' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 60) then
    raise exception 'delivery.confirm_days must be a whole number of days from 1 to 60 (got %)',
      new.value using errcode = '22023', detail = '到货确认天数必须是1到60之间的整数';
  end if;
  if new.key = 'case.sla_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'case.sla_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '售后时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'case.sla_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '售后时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;
create trigger settings_case_settings_check
  before insert or update on public.settings
  for each row when (new.key in ('delivery.confirm_days', 'case.sla_days'))
  execute function private.check_case_settings();

-- The settings, read with the server's rights (a dealer does not read the settings table).
create or replace function private.delivery_confirm_days() returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'delivery.confirm_days' and s.deleted_at is null), 3)
$$;

create or replace function private.case_sla_days(p_severity text) returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'case.sla_days' and s.deleted_at is null),
                  case p_severity when 'high' then 1 when 'medium' then 3 else 7 end)
$$;

-- 2 tables --------------------------------------------------------------------------------------

-- The shortage of a delivery line, as the dealer confirmed it (received + missing = shipped).
alter table public.shipments add column missing_quantity numeric(14, 3)
  constraint shipments_missing_quantity_range
  check (missing_quantity = trunc(missing_quantity) and missing_quantity between 0 and 1000000);

-- A dealer's confirmation of one whole delivery (all lines of a doc_no), written on the phone
-- (its id too) and pushed; the insert applies it to the shipment lines and opens the case.
create table public.delivery_confirmations (
  id uuid primary key default gen_random_uuid(),
  doc_no text not null constraint delivery_confirmations_doc_no_check
    check (doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'),
  customer_id uuid not null references public.customers (id),
  lines jsonb not null default '[]',
  note text,
  photo_id uuid,
  confirmed_at timestamptz not null default now(),
  confirmed_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint delivery_confirmations_doc_no_key unique (doc_no),
  constraint delivery_confirmations_doc_no_len check (char_length(doc_no) <= 200),
  constraint delivery_confirmations_note_len check (char_length(note) <= 4000),
  constraint delivery_confirmations_lines_len check (octet_length(lines::text) <= 262144)
);
create index delivery_confirmations_customer_id_idx on public.delivery_confirmations (customer_id);
create index delivery_confirmations_confirmed_by_idx on public.delivery_confirmations (confirmed_by);

create table public.cases (
  id uuid primary key default gen_random_uuid(),
  kind text not null constraint cases_kind_check check (kind in ('delivery_discrepancy', 'return',
    'exchange', 'repair', 'packaging_exchange', 'complaint', 'incident')),
  customer_id uuid not null references public.customers (id),
  severity text not null default 'medium'
    constraint cases_severity_check check (severity in ('low', 'medium', 'high')),
  doc_no text constraint cases_doc_no_check check (doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'),
  confirmation_id uuid unique references public.delivery_confirmations (id),
  owner_id uuid references public.profiles (id),
  escalation_level smallint not null default 0
    constraint cases_escalation_level_range check (escalation_level between 0 and 2),
  status text not null default 'open' constraint cases_status_check check (status in
    ('open', 'in_progress', 'awaiting_approval', 'rejected', 'resolved', 'closed')),
  due_at timestamptz,
  opened_by uuid references public.profiles (id),
  opened_at timestamptz not null default now(),
  title text not null constraint cases_title_check check (length(btrim(title)) >= 1),
  detail text,
  decision text,
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  answer text,
  answered_at timestamptz,
  resolution text,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint cases_check check ((status = 'closed') = (closed_at is not null)),
  constraint cases_kind_len check (char_length(kind) <= 200),
  constraint cases_severity_len check (char_length(severity) <= 200),
  constraint cases_doc_no_len check (char_length(doc_no) <= 200),
  constraint cases_status_len check (char_length(status) <= 200),
  constraint cases_title_len check (char_length(title) <= 200),
  constraint cases_detail_len check (char_length(detail) <= 4000),
  constraint cases_decision_len check (char_length(decision) <= 4000),
  constraint cases_answer_len check (char_length(answer) <= 4000),
  constraint cases_resolution_len check (char_length(resolution) <= 4000)
);
create index cases_customer_id_idx on public.cases (customer_id, status);
create index cases_owner_id_idx on public.cases (owner_id, status);
create index cases_opened_by_idx on public.cases (opened_by);
create index cases_decided_by_idx on public.cases (decided_by);
create index cases_doc_no_idx on public.cases (doc_no);

create table public.case_lines (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references public.cases (id),
  customer_id uuid not null references public.customers (id),
  product_id uuid references public.products (id),
  shipment_id uuid references public.shipments (id),
  quantity numeric(14, 3) not null default 0 constraint case_lines_quantity_range
    check (quantity = trunc(quantity) and quantity between 0 and 1000000),
  shipped_quantity numeric(14, 3) constraint case_lines_shipped_quantity_range
    check (shipped_quantity = trunc(shipped_quantity) and shipped_quantity between 0 and 1000000),
  received_quantity numeric(14, 3) constraint case_lines_received_quantity_range
    check (received_quantity = trunc(received_quantity) and received_quantity between 0 and 1000000),
  damaged_quantity numeric(14, 3) constraint case_lines_damaged_quantity_range
    check (damaged_quantity = trunc(damaged_quantity) and damaged_quantity between 0 and 1000000),
  missing_quantity numeric(14, 3) constraint case_lines_missing_quantity_range
    check (missing_quantity = trunc(missing_quantity) and missing_quantity between 0 and 1000000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index case_lines_case_id_idx on public.case_lines (case_id);
create index case_lines_customer_id_idx on public.case_lines (customer_id);
create index case_lines_product_id_idx on public.case_lines (product_id);
create index case_lines_shipment_id_idx on public.case_lines (shipment_id);

-- The history of a case: append-only (a trigger refuses updates and deletes).
create table public.case_events (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references public.cases (id),
  customer_id uuid not null references public.customers (id),
  actor_id uuid references public.profiles (id),
  at timestamptz not null default now(),
  action text not null constraint case_events_action_check check (action in
    ('opened', 'note', 'assigned', 'escalated', 'decided', 'answered', 'status', 'closed')),
  note text,
  photo_ids uuid[] not null default '{}',
  internal boolean not null default false,
  from_status text,
  to_status text,
  owner_id uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint case_events_action_len check (char_length(action) <= 200),
  constraint case_events_note_len check (char_length(note) <= 4000),
  constraint case_events_from_status_len check (char_length(from_status) <= 200),
  constraint case_events_to_status_len check (char_length(to_status) <= 200),
  constraint case_events_photo_ids_len check (cardinality(photo_ids) <= 20)
);
create index case_events_case_id_idx on public.case_events (case_id, at);
create index case_events_customer_id_idx on public.case_events (customer_id);
create index case_events_actor_id_idx on public.case_events (actor_id);
create index case_events_owner_id_idx on public.case_events (owner_id);

-- 3 access --------------------------------------------------------------------------------------
-- Staff read the cases of the customers they see, a dealer those of its own company (never an
-- internal note). Nobody writes these tables directly: the RPCs below do, with their guards. A
-- dealer inserts its own delivery confirmations (directly or by sync_push); no one changes them.

alter table public.delivery_confirmations enable row level security;
alter table public.cases enable row level security;
alter table public.case_lines enable row level security;
alter table public.case_events enable row level security;

create policy "Staff and the dealer can read delivery confirmations" on public.delivery_confirmations
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
create policy "The receiving dealer can confirm its deliveries" on public.delivery_confirmations
  for insert to authenticated with check (customer_id = (select private.my_customer_id()));

create policy "Staff and the dealer can read cases" on public.cases
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
create policy "Staff and the dealer can read case lines" on public.case_lines
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
create policy "Staff and the dealer can read case events, the dealer no internal ones"
  on public.case_events
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or (customer_id = (select private.my_customer_id()) and not internal));

revoke update, delete on public.delivery_confirmations from authenticated;
revoke insert, update, delete on public.cases, public.case_lines, public.case_events
  from authenticated;

-- 4 sync: tables pulled by some roles only -------------------------------------------------------
-- roles null: every role pulls the table; else only those roles (a rep's or manager's pull never
-- carries shipments). pull_filter: a condition on the row (alias t) for what a phone needs, here
-- a dealer's open deliveries and those of the last 180 days; RLS still decides who sees what.

alter table private.sync_tables add column roles text[];
alter table private.sync_tables add column pull_filter text;
insert into private.sync_tables (name, ord, pushable, roles, pull_filter) values
  ('shipments', 17, false, array['dealer'],
   't.confirmed_at is null or t.shipped_on >= private.company_today() - 180'
   ' or t.confirmed_at >= private.day_start(private.company_today() - 180)'),
  ('delivery_confirmations', 18, true, array['dealer'], null),
  ('cases', 19, false, null, null),
  ('case_lines', 20, false, null, null),
  ('case_events', 21, false, null, null);

alter table public.shipments add column txid xid8 not null default private.sync_register();
alter table public.shipments add column version bigint not null default 1;
do $$
declare
  t text;
begin
  foreach t in array array['delivery_confirmations', 'cases', 'case_lines', 'case_events'] loop
    execute format('alter table public.%I add column txid xid8 not null default private.sync_register()', t);
    execute format('alter table public.%I add column version bigint not null default 1', t);
  end loop;
  foreach t in array array['shipments', 'delivery_confirmations', 'cases', 'case_lines', 'case_events'] loop
    execute format('create index %I on public.%I (txid)', t || '_txid_idx', t);
    execute format('create trigger %I before insert or update on public.%I'
                   ' for each row execute function private.sync_stamp()', t || '_sync_stamp', t);
    execute format('create trigger %I before delete on public.%I'
                   ' for each row execute function private.sync_tombstone()', t || '_tombstone', t);
    execute format('create trigger %I before insert or update or delete on public.%I'
                   ' for each statement execute function private.sync_register_statement()',
                   t || '_sync_register', t);
  end loop;
end
$$;

-- sync_pull of 20261201100000_sync_horizon.sql, reading only the tables of the caller's role and
-- each table's pull_filter (both in the key scan, so pages and cursors are as before).
create or replace function public.sync_pull(p_since bigint, p_limit integer default 1000,
                                            p_after text default null)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  bound bigint := private.sync_pull_bound(pg_current_snapshot())::text::bigint;
  my_role text;
  after_ord smallint;
  after_id text;
  keys_sql text;
  tx bigint[];
  ords smallint[];
  ids text[];
  n integer;
  take integer;
  next_cursor bigint;
  next_after text;
  more boolean := false;
  changes jsonb := '{}';
  revoked jsonb := '[]';
  t record;
  page_ids uuid[];
  rows jsonb;
begin
  perform private.require_caller();
  my_role := (select private.my_role());
  if p_since is null or p_since < 0 then
    raise exception 'p_since must be 0 or a cursor from an earlier pull' using errcode = '22023',
      detail = '同步游标无效';
  end if;
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'p_limit must be between 1 and 10000' using errcode = '22023',
      detail = '每页条数应在1到10000之间';
  end if;
  if p_after is not null and p_after !~ '^[a-z_]+:[0-9A-Za-z._-]+$' then
    raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
      detail = '同步位置无效';
  end if;
  if p_after is not null then
    select s.ord, split_part(p_after, ':', 2) into after_ord, after_id
      from private.sync_tables s where s.name = split_part(p_after, ':', 1);
    if after_ord is null and split_part(p_after, ':', 1) <> '_revoked' then
      raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
        detail = '同步位置无效';
    end if;
    after_ord := coalesce(after_ord, 0);
  end if;
  if bound <= p_since then
    return jsonb_build_object('cursor', p_since, 'after', p_after, 'has_more', false,
      'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
      'changes', '{}'::jsonb, 'revoked', '[]'::jsonb);
  end if;

  select string_agg(format(
    'select t.txid::text::bigint as tx, %s::smallint as ord, t.%I::text as id from public.%I t'
    ' where t.txid >= $1::text::xid8 and t.txid < $2::text::xid8'
    ' and (t.txid > $1::text::xid8 or $3::smallint is null or (%s::smallint, t.%I::text) > ($3, $4))%s',
    s.ord, case when s.name = 'settings' then 'key' else 'id' end, s.name,
    s.ord, case when s.name = 'settings' then 'key' else 'id' end,
    coalesce(' and (' || s.pull_filter || ')', '')), ' union all ' order by s.ord)
    into keys_sql from private.sync_tables s
   where s.roles is null or my_role = any(s.roles);
  keys_sql := keys_sql ||
    ' union all select r.txid::text::bigint, 0::smallint, r.id::text from public.sync_revocations r'
    ' where r.user_id = auth.uid() and r.txid >= $1::text::xid8 and r.txid < $2::text::xid8'
    ' and (r.txid > $1::text::xid8 or $3::smallint is null or (0::smallint, r.id::text) > ($3, $4))';
  execute 'select array_agg(tx order by tx, ord, id), array_agg(ord order by tx, ord, id),'
          ' array_agg(id order by tx, ord, id) from (select * from (' || keys_sql || ') k'
          ' order by tx, ord, id limit $5) p'
    into tx, ords, ids using p_since, bound, after_ord, after_id, p_limit + 1;
  n := coalesce(array_length(tx, 1), 0);

  if n <= p_limit then
    take := n;
    next_cursor := bound;
  elsif tx[1] = tx[p_limit + 1] then
    take := p_limit;
    next_cursor := tx[p_limit];
    next_after := coalesce((select s.name from private.sync_tables s where s.ord = ords[p_limit]),
                           '_revoked') || ':' || ids[p_limit];
    more := true;
  else
    take := p_limit;
    while tx[take] = tx[p_limit + 1] loop
      take := take - 1;
    end loop;
    next_cursor := tx[p_limit + 1];
    more := true;
  end if;

  for t in select s.name, s.ord from private.sync_tables s
            where s.roles is null or my_role = any(s.roles) order by s.ord loop
    select array_agg(ids[i]::uuid) into page_ids
      from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord and t.name <> 'settings';
    if t.name = 'settings' then
      select jsonb_agg((to_jsonb(x) - 'txid') || jsonb_build_object('id', x.key)) into rows
        from public.settings x
       where x.key in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord);
    elsif page_ids is not null then
      execute format('select jsonb_agg(to_jsonb(x) - ''txid'') from public.%I x where x.id = any($1)', t.name)
        into rows using page_ids;
    else
      rows := null;
    end if;
    if rows is not null then
      changes := changes || jsonb_build_object(t.name, rows);
    end if;
  end loop;
  select coalesce(jsonb_agg(jsonb_build_object('table', r.table_name, 'id', r.row_id)), '[]')
    into revoked from public.sync_revocations r
   where r.id::text in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = 0);

  return jsonb_build_object('cursor', next_cursor, 'after', next_after, 'has_more', more,
    'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
    'changes', changes, 'revoked', revoked);
end
$$;

-- 5 the case machine ----------------------------------------------------------------------------
-- open → in_progress | awaiting_approval | resolved | closed; in_progress → awaiting_approval |
-- resolved | closed; awaiting_approval → in_progress (approved) | rejected; rejected → closed;
-- resolved → in_progress (reopened) | closed; closed is final. Every writer obeys it.

create or replace function private.case_step_allowed(p_from text, p_to text) returns boolean
language sql immutable set search_path = ''
as $$
  select (p_from, p_to) in (
    ('open', 'in_progress'), ('open', 'awaiting_approval'), ('open', 'resolved'), ('open', 'closed'),
    ('in_progress', 'awaiting_approval'), ('in_progress', 'resolved'), ('in_progress', 'closed'),
    ('awaiting_approval', 'in_progress'), ('awaiting_approval', 'rejected'),
    ('rejected', 'closed'), ('resolved', 'in_progress'), ('resolved', 'closed'))
$$;

create or replace function private.guard_case() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not private.case_step_allowed(old.status, new.status) then
      raise exception 'a case cannot move from % to %', old.status, new.status
        using errcode = '22023', detail = format('售后单不能从“%s”变为“%s”', old.status, new.status);
    end if;
    if new.status = 'closed' then
      new.closed_at := coalesce(new.closed_at, now());
      if new.kind = 'delivery_discrepancy' and length(btrim(coalesce(new.resolution, ''))) = 0 then
        raise exception 'closing a delivery discrepancy needs a note saying what was done'
          using errcode = '22023', detail = '关闭到货差异单须写明处理结果';
      end if;
      if new.kind = 'complaint' and length(btrim(coalesce(new.answer, ''))) = 0 then
        raise exception 'a complaint cannot be closed without an answer to the customer'
          using errcode = '22023', detail = '投诉未答复客户，不能关闭';
      end if;
    end if;
  elsif old.status = 'closed' and (to_jsonb(new) - array['txid', 'version', 'updated_at'])
        is distinct from (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    raise exception 'a closed case does not change' using errcode = '55000',
      detail = '售后单已关闭，不能修改';
  end if;
  return new;
end
$$;
create trigger cases_10_guard before update on public.cases
  for each row execute function private.guard_case();

create or replace function private.guard_case_event() returns trigger
language plpgsql set search_path = ''
as $$
begin
  -- a customer's move re-stamps its rows for sync (txid, version): that is no change
  if tg_op = 'UPDATE' and (to_jsonb(new) - array['txid', 'version'])
                          = (to_jsonb(old) - array['txid', 'version']) then
    return new;
  end if;
  raise exception 'the history of a case is append-only' using errcode = '55000',
    detail = '售后处理记录只能追加，不能修改或删除';
end
$$;
create trigger case_events_01_append_only before update or delete on public.case_events
  for each row execute function private.guard_case_event();

-- The area manager nearest above the customer's area (active), else the customer's owner.
create or replace function private.case_owner_for(p_customer_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select a.id, a.parent_id, 0 as depth from public.areas a
     where a.id = (select c.area_id from public.customers c where c.id = p_customer_id)
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select coalesce(
    (select p.id from public.profiles p join up on up.id = p.area_id
      where p.role = 'area_manager' and p.active order by up.depth, p.id limit 1),
    (select c.owner_id from public.customers c where c.id = p_customer_id))
$$;

-- Whether a profile is active staff who may see the customer (a case's owner must be).
create or replace function private.staff_sees_customer(p_profile uuid, p_customer_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select from public.profiles p, public.customers c
     where p.id = p_profile and c.id = p_customer_id and p.active
       and (p.role = 'manager'
            or (p.role = 'rep' and c.owner_chain @> array[p.id])
            or (p.role = 'area_manager' and p.id = any(private.area_managers_over(c.area_id)))))
$$;

-- The case for an action by the caller: P0002 when it does not exist or the caller does not see
-- it (staff: customers in scope; a dealer: its own company), locked for the action.
create or replace function private.case_for_action(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  row public.cases;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_case_id is null then
    raise exception 'p_case_id is required' using errcode = '22023', detail = '缺少售后单编号';
  end if;
  select * into row from public.cases c where c.id = p_case_id and c.deleted_at is null for update;
  if not found
     or (role = 'dealer' and row.customer_id is distinct from (select private.my_customer_id()))
     or (role in ('rep', 'area_manager')
         and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  if row.status = 'closed' then
    raise exception 'this case is closed' using errcode = '55000', detail = '售后单已关闭';
  end if;
  return row;
end
$$;

-- 6 delivery confirmation -----------------------------------------------------------------------
-- Arithmetic per line (docs/cases.md): received + missing = shipped (received counts every box
-- that arrived, damaged ones too), damaged + missing <= shipped, all whole boxes, none negative.
-- A line left out of `lines`, or a value left out of a line, defaults to: received = shipped -
-- missing, missing = shipped - received, damaged = 0.

-- Before insert (the caller's rights: a dealer reads only its own shipments, so a foreign
-- doc_no is "not found"): check everything and store the complete lines.
create or replace function private.check_delivery_confirmation() returns trigger
language plpgsql set search_path = ''
as $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  mine uuid := (select private.my_customer_id());
  s record;
  l jsonb;
  given jsonb := '{}';
  k text;
  key text;
  v numeric;
  recv numeric;
  dmg numeric;
  miss numeric;
  result jsonb := '[]';
  customers uuid[];
begin
  if api and mine is null then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if new.doc_no is null or length(btrim(new.doc_no)) = 0 then
    raise exception 'the delivery (doc_no) is required' using errcode = '22023', detail = '缺少到货单号';
  end if;
  select array_agg(distinct sh.customer_id) into customers from public.shipments sh
   where sh.doc_no = new.doc_no and sh.deleted_at is null and (not api or sh.customer_id = mine);
  if customers is null then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  if cardinality(customers) > 1 or (new.customer_id is not null and new.customer_id <> customers[1]) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  new.customer_id := customers[1];
  -- one confirmation at a time per delivery: a second one waits here, then sees the first
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  if exists (select from public.delivery_confirmations d where d.doc_no = new.doc_no)
     or exists (select from public.shipments sh where sh.doc_no = new.doc_no
                   and sh.deleted_at is null and sh.confirmed_at is not null) then
    raise exception 'delivery % was already confirmed', new.doc_no using errcode = '55000',
      detail = '该到货单已确认收货，不能重复确认';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {shipment_id, received, damaged, missing}'
      using errcode = '22023', detail = '到货明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 1000 then
    raise exception 'at most 1000 lines per delivery' using errcode = '22023',
      detail = '每张到货单最多1000行';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    if jsonb_typeof(l) <> 'object' or coalesce(jsonb_typeof(l -> 'shipment_id'), '') <> 'string' then
      raise exception 'every line needs its shipment_id' using errcode = '22023',
        detail = '每行都必须有发货明细编号';
    end if;
    key := l ->> 'shipment_id';
    if given ? key then
      raise exception 'line % is given twice', key using errcode = '22023', detail = '同一行重复填写';
    end if;
    foreach k in array array['received', 'damaged', 'missing'] loop
      if l ? k and jsonb_typeof(l -> k) not in ('number', 'null') then
        raise exception '% must be a number (line %)', k, key using errcode = '22023',
          detail = '数量必须是数字';
      end if;
      v := (l ->> k)::numeric;
      if v < 0 then
        raise exception 'quantities cannot be negative (% %)', k, v using errcode = '22023',
          detail = '数量不能为负数';
      end if;
      if v <> trunc(v) or v > 1000000 then
        raise exception 'quantities are whole boxes from 0 to 1,000,000 (% %)', k, v
          using errcode = '22023', detail = '数量须为0到1,000,000之间的整箱数，不能有小数';
      end if;
    end loop;
    given := given || jsonb_build_object(key, l);
  end loop;
  if exists (select from jsonb_object_keys(given) g
              where not exists (select from public.shipments sh
                                 where sh.id::text = g and sh.doc_no = new.doc_no
                                   and sh.deleted_at is null)) then
    raise exception 'a line is not part of delivery %', new.doc_no using errcode = '22023',
      detail = '明细不属于该到货单';
  end if;

  for s in select sh.id, sh.line_no, sh.product_id, sh.quantity from public.shipments sh
            where sh.doc_no = new.doc_no and sh.deleted_at is null order by sh.line_no loop
    l := coalesce(given -> s.id::text, '{}');
    recv := (l ->> 'received')::numeric;
    miss := (l ->> 'missing')::numeric;
    dmg := coalesce((l ->> 'damaged')::numeric, 0);
    if recv is null then
      recv := s.quantity - coalesce(miss, 0);
    end if;
    if miss is null then
      miss := s.quantity - recv;
    end if;
    if dmg + miss > s.quantity then
      raise exception 'line %: damaged (%) and missing (%) together exceed the shipped quantity (%)',
        s.line_no, dmg, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：破损数量加短少数量不能超过发货数量', s.line_no);
    end if;
    if recv + miss <> s.quantity or miss < 0 then
      raise exception 'line %: received (%) plus missing (%) must equal the shipped quantity (%)',
        s.line_no, recv, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：实收数量加短少数量必须等于发货数量', s.line_no);
    end if;
    result := result || jsonb_build_object('shipment_id', s.id, 'line_no', s.line_no,
      'product_id', s.product_id, 'shipped', s.quantity, 'received', recv, 'damaged', dmg,
      'missing', miss);
  end loop;
  new.lines := result;
  new.note := nullif(btrim(new.note), '');
  new.confirmed_at := least(coalesce(new.confirmed_at, now()), now());
  if api then
    new.confirmed_by := (select auth.uid());
  end if;
  return new;
end
$$;
create trigger delivery_confirmations_10_check before insert on public.delivery_confirmations
  for each row execute function private.check_delivery_confirmation();

-- A confirmation never changes (its shipments and case were written from it).
create or replace function private.guard_delivery_confirmation_row() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'delivery % was already confirmed', old.doc_no using errcode = '55000',
    detail = '该到货单已确认收货，不能重复确认';
end
$$;
create trigger delivery_confirmations_10_once before update on public.delivery_confirmations
  for each row execute function private.guard_delivery_confirmation_row();

-- After insert (the server's rights): the shipment lines take the figures, and damage or a
-- shortage opens one delivery_discrepancy case (unique per confirmation: a retry opens none).
create or replace function private.apply_delivery_confirmation() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  l jsonb;
  bad jsonb;
  shipped numeric := 0;
  short numeric := 0;
  sev text;
  cid uuid;
begin
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  for l in select value from jsonb_array_elements(new.lines) loop
    update public.shipments
       set received_quantity = (l ->> 'received')::numeric,
           damaged_quantity = (l ->> 'damaged')::numeric,
           missing_quantity = (l ->> 'missing')::numeric,
           discrepancy_note = new.note, confirmed_at = new.confirmed_at,
           confirmed_by = new.confirmed_by
     where id = (l ->> 'shipment_id')::uuid;
    shipped := shipped + (l ->> 'shipped')::numeric;
  end loop;
  select coalesce(jsonb_agg(x.value), '[]') into bad from jsonb_array_elements(new.lines) x
   where (x.value ->> 'damaged')::numeric > 0 or (x.value ->> 'missing')::numeric > 0;
  if jsonb_array_length(bad) = 0 then
    return null;
  end if;
  select sum((x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric) into short
    from jsonb_array_elements(bad) x;
  sev := case when short * 5 >= shipped then 'high' else 'medium' end;
  insert into public.cases (kind, customer_id, severity, doc_no, confirmation_id, owner_id, due_at,
                            opened_by, opened_at, title, detail)
  values ('delivery_discrepancy', new.customer_id, sev, new.doc_no, new.id,
          private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)),
          new.confirmed_by, now(), left('到货差异 ' || new.doc_no, 200), new.note)
  returning id into cid;
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity,
                                 shipped_quantity, received_quantity, damaged_quantity,
                                 missing_quantity)
  select cid, new.customer_id, (x.value ->> 'product_id')::uuid, (x.value ->> 'shipment_id')::uuid,
         (x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric,
         (x.value ->> 'shipped')::numeric, (x.value ->> 'received')::numeric,
         (x.value ->> 'damaged')::numeric, (x.value ->> 'missing')::numeric
    from jsonb_array_elements(bad) x;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids,
                                  to_status, owner_id)
  values (cid, new.customer_id, new.confirmed_by, 'opened', new.note,
          case when new.photo_id is null then '{}' else array[new.photo_id] end, 'open',
          (select c.owner_id from public.cases c where c.id = cid));
  return null;
end
$$;
create trigger delivery_confirmations_apply after insert on public.delivery_confirmations
  for each row execute function private.apply_delivery_confirmation();

-- The online way to confirm (the phone pushes the row instead): inserts the confirmation. The
-- same p_confirmation_id again returns the confirmation already made (a retry), changing nothing.
create or replace function public.confirm_delivery_doc(
  p_doc_no text, p_lines jsonb default '[]', p_note text default null, p_photo_id uuid default null,
  p_confirmation_id uuid default null)
returns public.delivery_confirmations
language plpgsql security invoker set search_path = ''
as $$
declare
  row public.delivery_confirmations;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_confirmation_id is not null then
    select * into row from public.delivery_confirmations d where d.id = p_confirmation_id;
    if found and row.doc_no = p_doc_no then
      return row;
    end if;
  end if;
  insert into public.delivery_confirmations (id, doc_no, lines, note, photo_id)
  values (coalesce(p_confirmation_id, gen_random_uuid()), p_doc_no, p_lines, p_note, p_photo_id)
  returning * into row;
  return row;
end
$$;

-- 7 case actions --------------------------------------------------------------------------------

-- A note (and photos) on a case: staff who see its customer; the dealer on its own cases (never
-- internal). Returns the event.
create or replace function public.case_add_note(p_case_id uuid, p_note text,
                                                p_photo_ids uuid[] default '{}',
                                                p_internal boolean default false)
returns public.case_events
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  ev public.case_events;
begin
  if length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写处理说明';
  end if;
  if length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '最多20张照片';
  end if;
  if coalesce(p_internal, false) and (select private.my_role()) = 'dealer' then
    perform private.deny('a dealer''s notes are never internal', '经销商不能添加内部备注');
  end if;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids, internal)
  values (c.id, c.customer_id, (select auth.uid()), 'note', btrim(p_note),
          coalesce(p_photo_ids, '{}'), coalesce(p_internal, false))
  returning * into ev;
  update public.cases set updated_at = now() where id = c.id;
  return ev;
end
$$;

-- A new owner for a case: area managers (their areas) and managers; the owner is active staff
-- who may see the customer. An open case moves to in_progress.
create or replace function public.case_assign(p_case_id uuid, p_owner_id uuid)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if role not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  if p_owner_id is null or not private.staff_sees_customer(p_owner_id, c.customer_id) then
    raise exception 'the owner must be active staff who serves this customer' using errcode = '22023',
      detail = '负责人必须是负责该客户的在职员工';
  end if;
  if p_owner_id is not distinct from c.owner_id then
    return c;
  end if;
  update public.cases
     set owner_id = p_owner_id,
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, owner_id, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'assigned', p_owner_id, was, c.status);
  return c;
end
$$;

-- Close a case: area managers (their areas), managers, or the case's owner. A delivery
-- discrepancy needs a note saying what was done (kept as its resolution).
create or replace function public.case_close(p_case_id uuid, p_note text default null)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager') or c.owner_id = (select auth.uid())) then
    perform private.deny('only the case''s owner, an area manager or a manager closes a case',
                         '只有负责人、区域经理或销售经理可以关闭售后单');
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if c.kind = 'delivery_discrepancy' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'closing a delivery discrepancy needs a note saying what was done'
      using errcode = '22023', detail = '关闭到货差异单须写明处理结果';
  end if;
  update public.cases
     set status = 'closed', closed_at = now(), updated_at = now(),
         resolution = coalesce(nullif(btrim(p_note), ''), resolution)
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'closed', nullif(btrim(p_note), ''), was,
          'closed');
  return c;
end
$$;

-- 8 deliveries lists ----------------------------------------------------------------------------

-- The dealer's deliveries from the manufacturer, newest first: days since shipping, overdue
-- (unconfirmed after delivery.confirm_days), confirmed, lines, boxes, amount, its open case.
create or replace function public.dealer_deliveries(p_as_of date default null)
returns table (doc_no text, shipped_on date, days_since integer, overdue boolean,
               confirmed boolean, confirmed_at timestamptz, line_count integer, quantity numeric,
               amount numeric, case_id uuid, case_status text)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  mine uuid;
begin
  perform private.require_caller();
  mine := (select private.my_customer_id());
  if mine is null then
    perform private.deny('only a dealer has deliveries to confirm', '只有经销商可以查看到货单');
  end if;
  return query
  select d.doc_no, d.shipped_on, (as_of - d.shipped_on)::integer,
         not d.confirmed and as_of - d.shipped_on > days, d.confirmed, d.confirmed_at,
         d.line_count, d.quantity, d.amount, k.id, k.status
    from (select s.doc_no, min(s.shipped_on) as shipped_on,
                 bool_and(s.confirmed_at is not null) as confirmed,
                 max(s.confirmed_at) as confirmed_at, count(*)::integer as line_count,
                 sum(s.quantity) as quantity, sum(s.amount) as amount
            from public.shipments s
           where s.customer_id = mine and s.seller_id is null and s.deleted_at is null
             and s.shipped_on <= as_of
           group by s.doc_no) d
    left join lateral (select c.id, c.status from public.cases c
                        where c.customer_id = mine and c.doc_no = d.doc_no
                          and c.kind = 'delivery_discrepancy' and c.deleted_at is null
                        order by c.opened_at desc limit 1) k on true
   order by d.shipped_on desc, d.doc_no desc;
end
$$;

-- Staff: unconfirmed deliveries past delivery.confirm_days, for the customers the caller sees
-- (the rep's Today shows them per dealer), the longest waiting first.
create or replace function public.overdue_deliveries(p_as_of date default null)
returns table (customer_id uuid, customer_name text, doc_no text, shipped_on date,
               days_since integer, days_overdue integer, line_count integer, amount numeric)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
begin
  perform private.require_staff();
  return query
  select s.customer_id, min(c.name), s.doc_no, min(s.shipped_on),
         (as_of - min(s.shipped_on))::integer, (as_of - min(s.shipped_on) - days)::integer,
         count(*)::integer, sum(s.amount)
    from public.shipments s join public.customers c on c.id = s.customer_id
   where s.seller_id is null and s.deleted_at is null and s.confirmed_at is null
     and s.shipped_on < as_of - days
   group by s.customer_id, s.doc_no
   order by min(s.shipped_on), s.doc_no;
end
$$;

-- 9 guards and grants ---------------------------------------------------------------------------

revoke all on function private.check_case_settings(), private.delivery_confirm_days(),
  private.case_sla_days(text), private.case_step_allowed(text, text), private.guard_case(),
  private.guard_case_event(), private.case_owner_for(uuid), private.staff_sees_customer(uuid, uuid),
  private.case_for_action(uuid), private.check_delivery_confirmation(),
  private.guard_delivery_confirmation_row(), private.apply_delivery_confirmation() from public;
grant execute on function private.check_case_settings(), private.delivery_confirm_days(),
  private.case_sla_days(text), private.case_step_allowed(text, text), private.guard_case(),
  private.guard_case_event(), private.case_owner_for(uuid), private.staff_sees_customer(uuid, uuid),
  private.case_for_action(uuid), private.check_delivery_confirmation(),
  private.guard_delivery_confirmation_row(), private.apply_delivery_confirmation()
  to authenticated, service_role;

revoke all on function public.confirm_delivery_doc(text, jsonb, text, uuid, uuid),
  public.case_add_note(uuid, text, uuid[], boolean), public.case_assign(uuid, uuid),
  public.case_close(uuid, text), public.dealer_deliveries(date), public.overdue_deliveries(date)
  from public, anon;
grant execute on function public.confirm_delivery_doc(text, jsonb, text, uuid, uuid),
  public.case_add_note(uuid, text, uuid[], boolean), public.case_assign(uuid, uuid),
  public.case_close(uuid, text), public.dealer_deliveries(date), public.overdue_deliveries(date)
  to authenticated, service_role;
revoke all on function public.sync_pull(bigint, integer, text) from public, anon;
grant execute on function public.sync_pull(bigint, integer, text) to authenticated;

select private.install_write_guards();
select private.add_active_user_policies();
