-- Offline sync (docs/sync.md): every synced row carries the id of the transaction that last
-- wrote it and a version; pulls read rows of settled transactions only; pushes are numbered per
-- client and applied exactly once; deletes are tombstones; moving a customer revokes it from
-- those who lose it and re-sends it to those who gain it; an epoch lets the server reset phones.
-- Sections: 1 tables, 2 stamps and tombstones, 3 moves, 4 pull, 5 push.

-- 1 tables -------------------------------------------------------------------------------------

-- which tables travel, in pull order, and which the phone may write
create table private.sync_tables (
  name text primary key,
  ord smallint not null unique,
  pushable boolean not null
);
insert into private.sync_tables (name, ord, pushable) values
  ('areas', 1, false), ('settings', 2, false), ('products', 3, false), ('customers', 4, true),
  ('customer_contacts', 5, true), ('customer_notes', 6, true), ('photos', 7, true),
  ('visit_plans', 8, true), ('visit_plan_stops', 9, true), ('visits', 10, true),
  ('stock_counts', 11, true), ('orders', 12, true), ('order_lines', 13, true),
  ('incidents', 14, true), ('complaints', 15, true), ('warnings', 16, false);

create table public.sync_clients (
  client_id uuid primary key,
  user_id uuid not null default auth.uid() references public.profiles (id),
  last_mutation_id bigint not null default 0 check (last_mutation_id >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sync_clients_user_id_idx on public.sync_clients (user_id);
alter table public.sync_clients enable row level security;

create table public.sync_revocations (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id),
  table_name text not null,
  row_id uuid not null,
  txid xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now()
);
create index sync_revocations_user_txid_idx on public.sync_revocations (user_id, txid);
alter table public.sync_revocations enable row level security;

create table public.sync_meta (
  key text primary key,
  value bigint not null
);
insert into public.sync_meta (key, value) values ('epoch', 1);
alter table public.sync_meta enable row level security;

create policy "People can see their own sync clients" on public.sync_clients
  for select to authenticated using (user_id = (select auth.uid()));
create policy "People can register their own sync clients" on public.sync_clients
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "People can advance their own sync clients" on public.sync_clients
  for update to authenticated using (user_id = (select auth.uid()));
create policy "People can remove their own sync clients" on public.sync_clients
  for delete to authenticated using (user_id = (select auth.uid()));
create policy "People can see their own revocations" on public.sync_revocations
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Signed-in people can read the sync epoch" on public.sync_meta
  for select to authenticated using ((select private.my_role()) is not null);
revoke insert, update, delete on public.sync_revocations, public.sync_meta from authenticated;
revoke update (client_id, user_id) on public.sync_clients from authenticated;

-- 2 stamps and tombstones ------------------------------------------------------------------------

alter table public.settings add column deleted_at timestamptz;

create or replace function private.sync_stamp() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.txid := pg_current_xact_id();
  if tg_op = 'INSERT' then
    new.version := 1;
  elsif (to_jsonb(new) - array['txid', 'version', 'updated_at'])
        is distinct from (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    new.version := old.version + 1;
  else
    new.version := old.version;  -- re-stamped only (re-sent), data unchanged
  end if;
  return new;
end
$$;

-- Through the API a delete of a synced row becomes a tombstone, so that it travels to phones.
-- The delete policy has already allowed this row; the tombstone is written with the owner's
-- rights so that an update policy narrower than the delete policy cannot swallow it.
create or replace function private.sync_tombstone() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- security definer: current_user is the owner here; the API role is in the role setting
  if coalesce(current_setting('role', true), 'none') <> 'authenticated' then
    return old;
  end if;
  execute format('update public.%I set deleted_at = now() where %I::text = $1 and deleted_at is null',
                 tg_table_name, case when tg_table_name = 'settings' then 'key' else 'id' end)
    using case when tg_table_name = 'settings' then to_jsonb(old) ->> 'key'
               else to_jsonb(old) ->> 'id' end;
  return null;
end
$$;

do $$
declare
  t record;
begin
  for t in select name from private.sync_tables loop
    execute format('alter table public.%I add column txid xid8 not null default pg_current_xact_id()', t.name);
    execute format('alter table public.%I add column version bigint not null default 1', t.name);
    execute format('create index %I on public.%I (txid)', t.name || '_txid_idx', t.name);
    execute format('create trigger %I before insert or update on public.%I'
                   ' for each row execute function private.sync_stamp()', t.name || '_sync_stamp', t.name);
    execute format('create trigger %I before delete on public.%I'
                   ' for each row execute function private.sync_tombstone()', t.name || '_tombstone', t.name);
  end loop;
end
$$;

-- 3 moves: revoke from those who lose a customer, re-send to those who gain it -------------------

-- Reps who see a customer through ownership of it or of a customer above it.
create or replace function private.chain_owners(p_owner uuid, p_parent uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select c.id, c.parent_id, c.owner_id from public.customers c where c.id = p_parent
    union
    select c.id, c.parent_id, c.owner_id from public.customers c join up on c.id = up.parent_id
  )
  select coalesce(array_agg(distinct o), '{}') from (
    select p_owner as o union all select owner_id from up
  ) x where o is not null
$$;

-- Area managers whose areas include the area.
create or replace function private.area_managers_over(p_area uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select a.id, a.parent_id from public.areas a where a.id = p_area
    union
    select a.id, a.parent_id from public.areas a join up on a.id = up.parent_id
  )
  select coalesce(array_agg(p.id), '{}') from public.profiles p
  where p.role = 'area_manager' and p.area_id in (select id from up)
$$;

create or replace function private.sync_customer_moved() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  moved uuid[];
  lost_reps uuid[];
  lost_managers uuid[];
  t record;
begin
  with recursive down as (
    select new.id as id
    union
    select c.id from public.customers c join down d on c.parent_id = d.id
  )
  select array_agg(id) into moved from down;

  select coalesce(array_agg(u), '{}') into lost_reps
  from unnest(private.chain_owners(old.owner_id, old.parent_id)) u
  where u <> all (private.chain_owners(new.owner_id, new.parent_id));
  select coalesce(array_agg(u), '{}') into lost_managers
  from unnest(private.area_managers_over(old.area_id)) u
  where u <> all (private.area_managers_over(new.area_id));

  -- a rep who still owns a customer between an outlet and the moved one keeps that outlet
  insert into public.sync_revocations (user_id, table_name, row_id)
  select r, 'customers', c.id
    from public.customers c, unnest(lost_reps) r
   where c.id = any(moved) and r <> all (private.chain_owners(c.owner_id, c.parent_id))
  union all
  select a, 'customers', new.id from unnest(lost_managers) a;

  -- re-send: stamp the moved customers and everything that hangs off them
  update public.customers set txid = pg_current_xact_id()
   where id = any(moved) and id <> new.id;
  for t in
    select s.name from private.sync_tables s
    join information_schema.columns c
      on c.table_schema = 'public' and c.table_name = s.name and c.column_name = 'customer_id'
  loop
    execute format('update public.%I set txid = pg_current_xact_id() where customer_id = any($1)', t.name)
      using moved;
  end loop;
  update public.order_lines set txid = pg_current_xact_id()
   where order_id in (select o.id from public.orders o where o.customer_id = any(moved));
  return null;
end
$$;

create trigger customers_sync_moved
  after update of owner_id, area_id, parent_id on public.customers
  for each row
  when ((old.owner_id, old.area_id, old.parent_id) is distinct from (new.owner_id, new.area_id, new.parent_id))
  execute function private.sync_customer_moved();

-- Tell every phone to drop its synced tables and pull again (after a restore or a purge).
create or replace function private.bump_sync_epoch() returns bigint
language sql security definer set search_path = ''
as $$
  update public.sync_meta set value = value + 1 where key = 'epoch' returning value
$$;

-- 4 pull ----------------------------------------------------------------------------------------

create or replace function public.sync_pull(p_since bigint, p_limit integer default 1000,
                                            p_after text default null)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  bound bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
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
  if bound <= p_since and p_after is null then
    return jsonb_build_object('cursor', p_since, 'after', null, 'has_more', false,
      'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
      'changes', '{}'::jsonb, 'revoked', '[]'::jsonb);
  end if;

  -- the keys of the next rows, in (transaction, table, id) order, one more than a page
  select string_agg(format(
    'select t.txid::text::bigint as tx, %s::smallint as ord, t.%I::text as id from public.%I t'
    ' where t.txid >= $1::text::xid8 and t.txid < $2::text::xid8'
    ' and (t.txid > $1::text::xid8 or $3::smallint is null or (%s::smallint, t.%I::text) > ($3, $4))',
    s.ord, case when s.name = 'settings' then 'key' else 'id' end, s.name,
    s.ord, case when s.name = 'settings' then 'key' else 'id' end), ' union all ' order by s.ord)
    into keys_sql from private.sync_tables s;
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
    -- one transaction fills the page: end inside it and remember where
    take := p_limit;
    next_cursor := tx[p_limit];
    next_after := coalesce((select s.name from private.sync_tables s where s.ord = ords[p_limit]),
                           '_revoked') || ':' || ids[p_limit];
    more := true;
  else
    -- end on the last whole transaction
    take := p_limit;
    while tx[take] = tx[p_limit + 1] loop
      take := take - 1;
    end loop;
    next_cursor := tx[p_limit + 1];
    more := true;
  end if;

  for t in select s.name, s.ord from private.sync_tables s order by s.ord loop
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

-- 5 push ----------------------------------------------------------------------------------------

-- Apply one mutation with the caller's rights; returns the result object or raises.
create or replace function private.sync_apply(m jsonb) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  tbl text := m ->> 'table';
  op text := m ->> 'op';
  r jsonb := m -> 'row';
  rid uuid;
  existing jsonb;
  cols text;
  upd_cols text;
  version bigint;
  base bigint;
begin
  if tbl is null or not exists (select from private.sync_tables s where s.name = tbl and s.pushable) then
    raise exception 'table % cannot be written by a phone', coalesce(tbl, '(missing)')
      using errcode = '22023', detail = '该数据不能由手机端写入';
  end if;
  if op is null or op not in ('upsert', 'delete') then
    raise exception 'op must be upsert or delete' using errcode = '22023', detail = '操作类型无效';
  end if;
  if r is null or jsonb_typeof(r) <> 'object' or not (r ? 'id') then
    raise exception 'row must be an object with an id' using errcode = '22023', detail = '缺少记录编号';
  end if;
  rid := (r ->> 'id')::uuid;
  base := (m ->> 'base_version')::bigint;
  execute format('select to_jsonb(x) from public.%I x where x.id = $1', tbl) into existing using rid;

  if op = 'delete' then
    if existing is null then
      raise exception 'row % not found', rid using errcode = 'P0002', detail = '找不到该记录';
    end if;
    execute format('update public.%I set deleted_at = now() where id = $1 returning version', tbl)
      into version using rid;
    if version is null then
      raise exception 'you cannot delete this row' using errcode = '42501', detail = '无权删除该记录';
    end if;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  select string_agg(format('%I', a.attname), ', ' order by a.attnum),
         string_agg(format('%I', a.attname), ', ' order by a.attnum) filter (where a.attname <> 'id')
    into cols, upd_cols
    from pg_attribute a
   where a.attrelid = format('public.%I', tbl)::regclass and a.attnum > 0 and not a.attisdropped
     and a.attname not in ('txid', 'version', 'created_at', 'updated_at')
     and r ? a.attname;

  if existing is null then
    execute format('insert into public.%1$I (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                   ' returning version', tbl, cols)
      into version using r;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  -- conflict rules (docs/sync.md)
  if tbl = 'customers' and base is not null and base <> (existing ->> 'version')::bigint then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'orders' and existing ->> 'status' <> 'draft' then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'order_lines' and not exists (
      select from public.orders o where o.id = (existing ->> 'order_id')::uuid and o.status = 'draft') then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if upd_cols is null then
    return jsonb_build_object('status', 'applied', 'version', (existing ->> 'version')::bigint);
  end if;
  execute format('update public.%1$I x set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                 ' where x.id = $2 returning version', tbl, upd_cols)
    into version using r, rid;
  if version is null then
    raise exception 'you cannot change this row' using errcode = '42501', detail = '无权修改该记录';
  end if;
  return jsonb_build_object('status', 'applied', 'version', version);
end
$$;

-- Re-evaluate the warnings of customers a push touched (those the caller may see).
create or replace function private.sync_reevaluate(p_customer_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  visible uuid[];
begin
  select array_agg(i) into visible from unnest(p_customer_ids) i
   where i in (select private.staff_customer_ids());
  if visible is not null then
    perform private.evaluate_warnings_core(visible, current_date);
  end if;
end
$$;

create or replace function public.sync_push(p_client_id uuid, p_mutations jsonb)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  who uuid := private.require_caller();
  last_id bigint;
  m jsonb;
  mid bigint;
  result jsonb;
  results jsonb := '[]';
  touched uuid[] := '{}';
  state text;
  message text;
begin
  if p_client_id is null then
    raise exception 'p_client_id is required' using errcode = '22023', detail = '缺少设备编号';
  end if;
  if p_mutations is null or jsonb_typeof(p_mutations) <> 'array' then
    raise exception 'p_mutations must be a JSON array' using errcode = '22023', detail = '变更列表格式无效';
  end if;
  if jsonb_array_length(p_mutations) > 1000 then
    raise exception 'at most 1000 mutations per push' using errcode = '22023', detail = '每次最多提交1000条变更';
  end if;
  insert into public.sync_clients (client_id, user_id) values (p_client_id, who)
    on conflict (client_id) do nothing;
  select c.last_mutation_id into last_id from public.sync_clients c
   where c.client_id = p_client_id for update;
  if last_id is null then
    raise exception 'device % belongs to another user', p_client_id using errcode = '42501',
      detail = '该设备编号属于其他用户';
  end if;

  for m in select value from jsonb_array_elements(p_mutations) loop
    if jsonb_typeof(m) <> 'object' or coalesce(jsonb_typeof(m -> 'id'), '') <> 'number'
       or coalesce((m ->> 'id') !~ '^[0-9]+$', true) then
      raise exception 'every mutation needs a whole-number id (got %)', left(m::text, 100)
        using errcode = '22023', detail = '每条变更都必须有整数编号';
    end if;
    mid := (m ->> 'id')::bigint;
    if mid <= last_id then
      results := results || jsonb_build_object('id', mid, 'status', 'duplicate');
      continue;
    end if;
    if mid <> last_id + 1 then
      raise exception 'mutation gap: expected id %, got %', last_id + 1, mid using errcode = '22023',
        detail = format('变更编号不连续：应为 %s，收到 %s', last_id + 1, mid);
    end if;
    begin
      result := private.sync_apply(m);
      -- of what a phone writes, only incidents and the customer itself feed the warning rules
      -- (docs/warnings.md); visits, counts and orders do not, so they cost no re-evaluation
      if m ->> 'table' = 'customers' then
        touched := touched || (m -> 'row' ->> 'id')::uuid;
      elsif m ->> 'table' = 'incidents' then
        touched := touched || (m -> 'row' ->> 'customer_id')::uuid;
      end if;
    exception when others then
      get stacked diagnostics state = returned_sqlstate, message = message_text;
      result := jsonb_build_object('status', 'rejected', 'sqlstate', state, 'reason', message);
    end;
    results := results || (jsonb_build_object('id', mid, 'table', m ->> 'table',
      'row_id', m -> 'row' ->> 'id') || result);
    last_id := mid;
  end loop;

  update public.sync_clients set last_mutation_id = last_id, updated_at = now()
   where client_id = p_client_id;
  if cardinality(touched) > 0 then
    perform private.sync_reevaluate(touched);
  end if;
  return jsonb_build_object('last_mutation_id', last_id, 'results', results);
end
$$;

revoke all on function private.sync_stamp(), private.sync_tombstone(),
  private.chain_owners(uuid, uuid), private.area_managers_over(uuid),
  private.sync_customer_moved(), private.bump_sync_epoch(), private.sync_apply(jsonb),
  private.sync_reevaluate(uuid[]) from public;
grant execute on function private.sync_stamp(), private.sync_tombstone(),
  private.sync_customer_moved(), private.sync_apply(jsonb), private.sync_reevaluate(uuid[])
  to authenticated;
grant select on private.sync_tables to authenticated;
revoke all on function public.sync_pull(bigint, integer, text), public.sync_push(uuid, jsonb)
  from public, anon;
grant execute on function public.sync_pull(bigint, integer, text), public.sync_push(uuid, jsonb)
  to authenticated;
