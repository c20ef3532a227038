-- Issue 20: shipment lines grow without bound (national scale: ~200,000 a month), so
-- public.shipments becomes a table PARTITIONED BY RANGE (shipped_on), one partition per calendar
-- month, plus a DEFAULT partition so that an insert never fails for a month nobody created.
-- The public name stays: PostgREST, the RPCs, the figures and sync read and write the parent.
--
-- * The partitions live in the schema shipment_months, which the API does not expose and the API
--   roles may not even use; every partition has row level security on (no policies: nothing
--   passes) and no grants, so reading a partition directly never bypasses the parent's policies.
-- * Partitions are made on demand by private.ensure_shipment_months(from, to), which the importer
--   and the RPCs that insert shipments call before they write. When it makes a month that already
--   has rows in the default partition, it moves them there unchanged (same txid and version: their
--   data did not change, so no phone needs to pull them again) and no trigger fires.
-- * A PRIMARY KEY or UNIQUE constraint of a partitioned table must contain the partition key, so
--   the key becomes (id, shipped_on), and (doc_no, line_no) and the references to shipments(id)
--   are kept true by the next migration (20261215110000_shipment_keys.sql).
-- * Every column, default, check, foreign key, trigger, policy, grant and index is carried over from
--   the table as it was (read from the catalog, so none is forgotten); indexes become partitioned.

create schema if not exists shipment_months;
revoke all on schema shipment_months from public, anon, authenticated;

-- The partition a day's row belongs in (the default partition for a month not made yet).
-- (security definer: the API roles may not look into shipment_months)
create or replace function private.shipment_partition_for(p_day date) returns regclass
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce(
    to_regclass(format('shipment_months.%I', 'shipments_' || to_char(p_day, 'YYYY_MM'))),
    to_regclass('shipment_months.shipments_default'));
end
$$;

-- Make the month partitions covering [p_from, p_to] that do not exist yet; returns how many it
-- made. Rows of such a month waiting in the default partition move into it: the default partition
-- is detached (it then has no triggers of the parent), the month's rows are copied into a plain
-- table shaped like the parent and deleted from the default, and both are attached again.
create or replace function private.ensure_shipment_months(p_from date, p_to date)
returns integer
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  m date;
  next_m date;
  part text;
  made integer := 0;
  forced boolean;
begin
  if p_from is null or p_to is null then
    return 0;
  end if;
  if p_to < p_from or p_to - p_from > 366 * 30 then
    raise exception 'shipment months from % to %: not a range of at most 30 years', p_from, p_to
      using errcode = '22023', detail = format('发货月份范围无效：%s 至 %s（最多30年）', p_from, p_to);
  end if;
  select c.relforcerowsecurity into forced from pg_catalog.pg_class c
   where c.oid = 'public.shipments'::regclass;
  m := date_trunc('month', p_from)::date;
  while m <= p_to loop
    next_m := (m + interval '1 month')::date;
    part := 'shipments_' || to_char(m, 'YYYY_MM');
    if to_regclass(format('shipment_months.%I', part)) is null then
      -- one maker per month at a time; the second finds it made
      perform pg_catalog.pg_advisory_xact_lock(727011, pg_catalog.hashtext(part));
    end if;
    if to_regclass(format('shipment_months.%I', part)) is null then
      if exists (select from shipment_months.shipments_default d
                  where d.shipped_on >= m and d.shipped_on < next_m) then
        alter table public.shipments detach partition shipment_months.shipments_default;
        execute format('create table shipment_months.%I (like public.shipments including defaults'
                       ' including constraints)', part);
        execute format('insert into shipment_months.%I select * from shipment_months.shipments_default d'
                       ' where d.shipped_on >= $1 and d.shipped_on < $2', part) using m, next_m;
        delete from shipment_months.shipments_default d
         where d.shipped_on >= m and d.shipped_on < next_m;
        execute format('alter table public.shipments attach partition shipment_months.%I'
                       ' for values from (%L) to (%L)', part, m, next_m);
        alter table public.shipments attach partition shipment_months.shipments_default default;
      else
        execute format('create table shipment_months.%I partition of public.shipments'
                       ' for values from (%L) to (%L)', part, m, next_m);
      end if;
      execute format('alter table shipment_months.%I enable row level security', part);
      if forced then
        execute format('alter table shipment_months.%I force row level security', part);
      end if;
      execute format('revoke all on shipment_months.%I from public, anon, authenticated', part);
      made := made + 1;
    end if;
    m := next_m;
  end loop;
  return made;
end
$$;

revoke all on function private.shipment_partition_for(date),
  private.ensure_shipment_months(date, date) from public, anon, authenticated;
grant execute on function private.shipment_partition_for(date) to authenticated, service_role;
grant execute on function private.ensure_shipment_months(date, date) to service_role;

-- the table as it was: its foreign keys, triggers, indexes, policies and grants, read before it
-- is renamed
create temp table _shipments_ddl (ord integer, ddl text) on commit drop;
insert into _shipments_ddl
select 0, format('alter table public.shipments add constraint %I %s', k.conname,
                 pg_catalog.pg_get_constraintdef(k.oid))
  from pg_catalog.pg_constraint k
 where k.conrelid = 'public.shipments'::regclass and k.contype = 'f'
union all
select 1, pg_catalog.pg_get_triggerdef(t.oid)
  from pg_catalog.pg_trigger t
 where t.tgrelid = 'public.shipments'::regclass and not t.tgisinternal
union all
select 2, pg_catalog.pg_get_indexdef(i.indexrelid)
  from pg_catalog.pg_index i
 where i.indrelid = 'public.shipments'::regclass
   and not exists (select from pg_catalog.pg_constraint k where k.conindid = i.indexrelid)
union all
select 3, format('create policy %I on public.shipments as %s for %s to %s%s%s', p.polname,
                 case when p.polpermissive then 'permissive' else 'restrictive' end,
                 case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
                               when 'd' then 'delete' else 'all' end,
                 (select string_agg(case when r = 0 then 'public' else quote_ident(a.rolname) end, ', ')
                    from unnest(p.polroles) r left join pg_catalog.pg_roles a on a.oid = r),
                 ' using (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')',
                 ' with check (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')')
  from pg_catalog.pg_policy p
 where p.polrelid = 'public.shipments'::regclass
union all
select 4, format('grant %s on public.shipments to %s', g.privilege_type, quote_ident(g.grantee))
  from information_schema.role_table_grants g
 where g.table_schema = 'public' and g.table_name = 'shipments'
   and g.grantee <> (select r.rolname from pg_catalog.pg_class c
                       join pg_catalog.pg_roles r on r.oid = c.relowner
                      where c.oid = 'public.shipments'::regclass);

-- the functions typed by the table's row type go with it and come back below
drop function public.confirm_delivery(uuid, numeric, numeric, text);
drop function private.key_taken_shipments(integer, public.shipments);
alter table public.case_lines drop constraint case_lines_shipment_id_fkey;
alter table public.returns drop constraint returns_shipment_id_fkey;

alter table public.shipments rename to shipments_unpartitioned;
alter table public.shipments_unpartitioned set schema private;

create table public.shipments (like private.shipments_unpartitioned including defaults
  including constraints including comments) partition by range (shipped_on);
create table shipment_months.shipments_default partition of public.shipments default;
alter table shipment_months.shipments_default enable row level security;
revoke all on shipment_months.shipments_default from public, anon, authenticated;

select private.ensure_shipment_months(min(shipped_on), max(shipped_on))
  from private.shipments_unpartitioned;
insert into public.shipments select * from private.shipments_unpartitioned;
drop table private.shipments_unpartitioned;

alter table public.shipments add constraint shipments_pkey primary key (id, shipped_on);
alter table public.shipments enable row level security;
do $$
declare
  d record;
begin
  for d in select x.ddl from _shipments_ddl x order by x.ord, x.ddl loop
    execute d.ddl;
  end loop;
end
$$;

-- a row whose new day belongs in another partition moves there: PostgreSQL deletes it from its
-- partition (firing the BEFORE DELETE row triggers there) and inserts it into the other (firing
-- the BEFORE INSERT ones). The move is still one update of one row: the tombstone must not turn
-- the delete into a soft delete, and sync_stamp must not restart the version at 1. The last BEFORE
-- UPDATE trigger tells them, by a transaction-local setting naming the row and its version.
create or replace function private.shipment_move_mark() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.shipped_on is distinct from old.shipped_on
     and private.shipment_partition_for(new.shipped_on) <> tg_relid::regclass then
    perform pg_catalog.set_config('fieldsales.shipment_move', new.id::text || ':' || new.version,
                                  true);
  end if;
  return new;
end
$$;

create or replace function private.shipment_move_arrive() returns trigger
language plpgsql set search_path = ''
as $$
declare
  moving text := coalesce(pg_catalog.current_setting('fieldsales.shipment_move', true), '');
begin
  if moving like new.id::text || ':%' then
    new.version := pg_catalog.split_part(moving, ':', 2)::bigint;
    perform pg_catalog.set_config('fieldsales.shipment_move', '', true);
  end if;
  return new;
end
$$;

create trigger shipments_zz_move_mark before update on public.shipments
  for each row execute function private.shipment_move_mark();
create trigger shipments_zz_move_arrive before insert on public.shipments
  for each row execute function private.shipment_move_arrive();
revoke all on function private.shipment_move_mark(), private.shipment_move_arrive() from public;
grant execute on function private.shipment_move_mark(), private.shipment_move_arrive()
  to authenticated, service_role;

-- The tombstone names the table it updates by the partition tree's root (a trigger of a
-- partitioned table fires on the partition, whose name is not the API's), and lets a moving row
-- go (see above).
create or replace function private.sync_tombstone() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- security definer: current_user is the owner here; the API role is in the role setting
  if coalesce(current_setting('role', true), 'none') <> 'authenticated' then
    return old;
  end if;
  if tg_table_name like 'shipments%' and coalesce(current_setting('fieldsales.shipment_move', true), '')
       like (to_jsonb(old) ->> 'id') || ':%' then
    return old;
  end if;
  execute format('update %s set deleted_at = now() where %I::text = $1 and deleted_at is null',
                 coalesce(pg_catalog.pg_partition_root(tg_relid), tg_relid::regclass),
                 case when tg_table_name = 'settings' then 'key' else 'id' end)
    using case when tg_table_name = 'settings' then to_jsonb(old) ->> 'key'
               else to_jsonb(old) ->> 'id' end;
  return null;
end
$$;

-- back, as it was
create function public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric,
                                        p_damaged_quantity numeric default 0,
                                        p_note text default null)
returns public.shipments
language plpgsql set search_path = '' set jit = off
as $$
declare
  row public.shipments;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_shipment_id is null or p_received_quantity is null or p_damaged_quantity is null then
    raise exception 'p_shipment_id, p_received_quantity and p_damaged_quantity are required'
      using errcode = '22023', detail = '缺少发货单或数量';
  end if;
  if p_received_quantity < 0 or p_damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '备注不能超过2000字';
  end if;
  select * into row from public.shipments where id = p_shipment_id;
  if not found then
    raise exception 'shipment % not found', p_shipment_id using errcode = 'P0002', detail = '找不到该发货记录';
  end if;
  if p_damaged_quantity > p_received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (p_received_quantity <> row.quantity or p_damaged_quantity > 0)
     and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  update public.shipments
     set received_quantity = p_received_quantity, damaged_quantity = p_damaged_quantity,
         discrepancy_note = nullif(btrim(p_note), '')
   where id = p_shipment_id
  returning * into row;
  return row;
end
$$;
revoke all on function public.confirm_delivery(uuid, numeric, numeric, text) from public, anon;
grant execute on function public.confirm_delivery(uuid, numeric, numeric, text)
  to authenticated, service_role;
