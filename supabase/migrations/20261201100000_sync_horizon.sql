-- Pulls that no stranger can stall (issue 13). A pull used to stop at the oldest running
-- transaction of the whole cluster, so a long transaction in another database, or one here that
-- writes no synced table, held every phone's pull back for its duration. Now a transaction that
-- writes synced rows registers first, and a pull stops only at transactions that are registered
-- here, or that it cannot prove unregistered. Rows committed late are still never lost; the proof
-- and the limits that remain are in docs/sync.md ("The pull's horizon").
-- Plain PostgreSQL 15+ with plpgsql only.
--
-- 1 registration: private.sync_register() takes a transaction-level advisory lock that marks the
--   backend as a synced writer of this database, and returns the transaction's row stamp: its
--   own transaction id when it had none before registering, else the id of a throw-away
--   subtransaction started after registering (a fresh id, above every bound handed out before).
-- 2 stamps: every synced write goes through it (row trigger, a statement trigger that registers
--   before PostgreSQL locks the first row, and the txid defaults).
-- 3 the pull's bound: the snapshot's oldest running transaction that is not positively known to
--   belong to an unregistered backend (one read of pg_locks), else the snapshot's xmax.
-- 4 pull: sync_pull with that bound; a cursor never moves back.
--
-- Advisory keys (two-int, so never equal to the one-bigint keys 727001… used elsewhere):
--   (727010, <backend pid>) shared, held to the end of a registered transaction.

-- 1 registration --------------------------------------------------------------------------------

-- Source of fresh transaction ids for late registrants: a row is inserted in a subtransaction
-- that is rolled back at once, so the table stays empty (pruning removes the dead rows).
create unlogged table private.sync_xid_source (x boolean);

-- Mark this transaction as a writer of synced rows and return its stamp (xid8). Called by the
-- stamp triggers and the txid defaults; cached for the rest of the transaction.
create or replace function private.sync_register() returns xid8
language plpgsql security definer set search_path = ''
as $$
declare
  had xid8 := pg_catalog.pg_current_xact_id_if_assigned();
  cached text := pg_catalog.current_setting('fieldsales.sync_stamp', true);
  stamp xid8;
  top bigint;
  sub bigint;
begin
  -- the cache is '<transaction id>:<stamp>', local to the transaction (and undone with the
  -- subtransaction that set it, together with the lock below)
  if had is not null and cached like had::text || ':%' then
    stamp := pg_catalog.split_part(cached, ':', 2)::xid8;
    if stamp >= had then
      return stamp;
    end if;
  end if;

  -- From here on, a pull that reads the lock table sees this backend as registered.
  perform pg_catalog.pg_advisory_xact_lock_shared(727010, pg_catalog.pg_backend_pid());

  if had is null then
    -- our transaction id is assigned only now, after the lock: a pull that sees it running
    -- also sees us registered, and a pull that read the locks earlier took its snapshot before
    -- this id existed, so its bound is at most this id
    stamp := pg_catalog.pg_current_xact_id();
  else
    -- Late: we already had an id, and a pull that read the locks before we registered may have
    -- stepped over it. Stamp with a fresh id instead, taken after the lock: every such pull took
    -- its snapshot before, so its bound is at most this id. The subtransaction is rolled back;
    -- its id still counts as completed (so pulls can move past it once we commit) and is never
    -- given to anyone else.
    begin
      insert into private.sync_xid_source default values returning xmin::text::bigint into sub;
      raise exception using errcode = 'P0001', message = 'fieldsales: fresh transaction id taken';
    exception when raise_exception then
      null;
    end;
    -- xmin is the 32-bit id; it follows our own id by less than 2^31, so its epoch is ours or next
    top := had::text::bigint;
    sub := top - top % 4294967296 + sub;
    if sub < top then
      sub := sub + 4294967296;
    end if;
    stamp := sub::text::xid8;
  end if;
  perform pg_catalog.set_config('fieldsales.sync_stamp',
    pg_catalog.pg_current_xact_id()::text || ':' || stamp::text, true);
  return stamp;
end
$$;

-- 2 stamps --------------------------------------------------------------------------------------

create or replace function private.sync_stamp() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.txid := private.sync_register();
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

-- Register before the statement touches a row: PostgreSQL locks a row (and so takes a
-- transaction id) before a row trigger of an UPDATE or DELETE runs, which would make every
-- transaction that starts with an update a late registrant.
create or replace function private.sync_register_statement() returns trigger
language plpgsql set search_path = ''
as $$
begin
  perform private.sync_register();
  return null;
end
$$;

do $$
declare
  t record;
begin
  for t in select name from private.sync_tables loop
    execute format('alter table public.%I alter column txid set default private.sync_register()', t.name);
    execute format('create trigger %I before insert or update or delete on public.%I'
                   ' for each statement execute function private.sync_register_statement()',
                   t.name || '_sync_register', t.name);
  end loop;
end
$$;
alter table public.sync_revocations alter column txid set default private.sync_register();

-- A new warning takes txid and version from the defaults (20261127160000_warnings_speed.sql);
-- the row trigger runs only when a writer overrode them. The default is now the registered
-- stamp, which is not the transaction id for a late registrant: compare with the cached stamp.
drop trigger if exists warnings_sync_stamp_insert on public.warnings;
create trigger warnings_sync_stamp_insert before insert on public.warnings
  for each row
  when (new.version <> 1 or new.txid::text is distinct from
        split_part(current_setting('fieldsales.sync_stamp', true), ':', 2))
  execute function private.sync_stamp();

-- 3 the pull's bound ----------------------------------------------------------------------------

-- The upper bound (exclusive) of a pull reading with snapshot p_snap: the oldest transaction
-- running in p_snap, skipping those whose backend held no registration in this database at the
-- moment of one read of the lock table (pg_lock_status holds every lock partition while it
-- copies, so the read is one instant). A running id without a visible lock (just ended, not yet
-- locked, prepared) is not skipped. Security definer: the lock table is the server's.
create or replace function private.sync_pull_bound(p_snap pg_snapshot) returns xid8
language plpgsql volatile security definer set search_path = ''
as $$
declare
  bound xid8;
begin
  if not exists (select from pg_catalog.pg_snapshot_xip(p_snap)) then
    return pg_catalog.pg_snapshot_xmax(p_snap);
  end if;
  with held as materialized (
    -- one call of pg_lock_status(): every row below comes from the same instant
    select l.locktype, l.transactionid, l.pid, l.database
      from pg_catalog.pg_locks l
     where l.granted and l.pid is not null
       and ((l.locktype = 'transactionid' and l.mode = 'ExclusiveLock')  -- the owner's own lock
            or (l.locktype = 'advisory' and l.classid = 727010 and l.objsubid = 2))
  ), strangers as (
    select h.transactionid from held h
     where h.locktype = 'transactionid'
       and not exists (
         select from held r
          where r.locktype = 'advisory' and r.pid = h.pid
            and r.database = (select d.oid from pg_catalog.pg_database d
                               where d.datname = pg_catalog.current_database()))
  )
  select min(x) into bound
    from pg_catalog.pg_snapshot_xip(p_snap) x
   where not exists (select from strangers s where s.transactionid = pg_catalog.xid(x));
  return coalesce(bound, pg_catalog.pg_snapshot_xmax(p_snap));
end
$$;

-- 4 pull ----------------------------------------------------------------------------------------

create or replace function public.sync_pull(p_since bigint, p_limit integer default 1000,
                                            p_after text default null)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  -- the snapshot of this call (a stable function reads with its caller's snapshot)
  bound bigint := private.sync_pull_bound(pg_current_snapshot())::text::bigint;
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
  -- The bound may now be below an earlier pull's cursor: a transaction that earlier pulls
  -- stepped over (unregistered then) registered since. Its rows carry stamps above those
  -- cursors, so nothing is missed; the cursor (and the position inside it) just stays.
  if bound <= p_since then
    return jsonb_build_object('cursor', p_since, 'after', p_after, 'has_more', false,
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

revoke all on table private.sync_xid_source from public;
revoke all on function private.sync_register(), private.sync_stamp(),
  private.sync_register_statement(), private.sync_pull_bound(pg_snapshot) from public;
grant execute on function private.sync_register(), private.sync_stamp(),
  private.sync_register_statement(), private.sync_pull_bound(pg_snapshot)
  to authenticated, service_role;
revoke all on function public.sync_pull(bigint, integer, text) from public, anon;
grant execute on function public.sync_pull(bigint, integer, text) to authenticated;
