-- Issue 20: an import's lines for a month that has none yet (every month of a first import, the new
-- month of a monthly import) are written as a standalone table that is then ATTACHed as the
-- month's partition, instead of being inserted row by row through public.shipments (two row
-- triggers and six index inserts per line, the keys and the purchase summary per statement).
--
-- * private.shipment_month_table(month) makes a month's table as every partition is made (shaped
--   like the parent, row level security on (and forced when the parent's is), no grants) with its
--   bounds as a CHECK, so that attaching it needs no scan; private.shipment_month_attach(month)
--   attaches it (PostgreSQL builds its part of every partitioned index, clones the foreign keys
--   and validates them set-based, and the parent's row triggers apply to it from then on) and
--   drops the CHECK, which the partition's own bound now states. ensure_shipment_months is made
--   of the two.
-- * private.shipment_months_prepare(months) takes those of the months that have no row (no
--   partition, or an empty one, and none waiting in the default partition) and makes a loader: a
--   partitioned table of this transaction whose partitions are their tables, so that one INSERT
--   routes every line to its month. Its txid default is this transaction's sync stamp
--   (private.sync_register(), as sync_stamp and sync_register_statement set it), its other
--   defaults the parent's: a line is stored exactly as an insert through the parent stores it.
-- * private.shipment_months_attach(loader) does set-based what the statement triggers would have
--   done (private.shipment_keys, with the same unique indexes and the same bilingual refusal of
--   a document line that exists in another month; private.purchase_days and purchase_stats),
--   then moves each month's table from the loader to public.shipments.
-- The row triggers it skips: sync_stamp (txid and version 1: the loader's defaults), the write
-- guard (returns at once for the service side, which alone may call these), move_arrive (only
-- for a row moving between months). The caller holds each month's lock (727011) to commit.

-- A month's table, not attached yet: as a partition is made, with its bounds as a CHECK.
create or replace function private.shipment_month_table(p_month date) returns regclass
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  m date := date_trunc('month', p_month)::date;
  part text := 'shipments_' || to_char(m, 'YYYY_MM');
begin
  execute format('create table shipment_months.%I (like public.shipments including defaults'
                 ' including constraints)', part);
  execute format('alter table shipment_months.%I add constraint %I check (shipped_on >= %L'
                 ' and shipped_on < %L)', part, part || '_bounds', m, (m + interval '1 month')::date);
  execute format('alter table shipment_months.%I enable row level security', part);
  if (select c.relforcerowsecurity from pg_catalog.pg_class c
       where c.oid = 'public.shipments'::regclass) then
    execute format('alter table shipment_months.%I force row level security', part);
  end if;
  execute format('revoke all on shipment_months.%I from public, anon, authenticated', part);
  return format('shipment_months.%I', part)::regclass;
end
$$;

-- Attach a month's table made by shipment_month_table (and filled, or not) as its partition.
create or replace function private.shipment_month_attach(p_month date) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  m date := date_trunc('month', p_month)::date;
  part text := 'shipments_' || to_char(m, 'YYYY_MM');
begin
  execute format('alter table public.shipments attach partition shipment_months.%I'
                 ' for values from (%L) to (%L)', part, m, (m + interval '1 month')::date);
  execute format('alter table shipment_months.%I drop constraint %I', part, part || '_bounds');
end
$$;

-- As 20261215100000, made of the two above.
create or replace function private.ensure_shipment_months(p_from date, p_to date)
returns integer
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  m date;
  next_m date;
  part text;
  made integer := 0;
  t regclass;
begin
  if p_from is null or p_to is null then
    return 0;
  end if;
  if p_to < p_from or p_to - p_from > 366 * 30 then
    raise exception 'shipment months from % to %: not a range of at most 30 years', p_from, p_to
      using errcode = '22023', detail = format('发货月份范围无效：%s 至 %s（最多30年）', p_from, p_to);
  end if;
  m := date_trunc('month', p_from)::date;
  while m <= p_to loop
    next_m := (m + interval '1 month')::date;
    part := 'shipments_' || to_char(m, 'YYYY_MM');
    if to_regclass(format('shipment_months.%I', part)) is null then
      -- one maker per month at a time; the second finds it made
      perform pg_catalog.pg_advisory_xact_lock(727011, pg_catalog.hashtext(part));
    end if;
    if to_regclass(format('shipment_months.%I', part)) is null then
      t := private.shipment_month_table(m);
      if exists (select from shipment_months.shipments_default d
                  where d.shipped_on >= m and d.shipped_on < next_m) then
        -- the month's rows waiting in the default partition move, unchanged and without
        -- triggers: the default is detached meanwhile
        alter table public.shipments detach partition shipment_months.shipments_default;
        execute format('insert into %s select * from shipment_months.shipments_default d'
                       ' where d.shipped_on >= $1 and d.shipped_on < $2', t) using m, next_m;
        delete from shipment_months.shipments_default d
         where d.shipped_on >= m and d.shipped_on < next_m;
        perform private.shipment_month_attach(m);
        alter table public.shipments attach partition shipment_months.shipments_default default;
      else
        perform private.shipment_month_attach(m);
      end if;
      made := made + 1;
    end if;
    m := next_m;
  end loop;
  return made;
end
$$;

-- The months among p_months (any day of each) that have no row yet, and a loader whose
-- partitions are their new tables (null when there is none). An empty partition is dropped and
-- made again; a month with rows, or with rows in the default partition, is not taken.
create or replace function private.shipment_months_prepare(p_months date[], out loader regclass,
                                                           out months date[])
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  m date;
  part text;
  t regclass;
  has_rows boolean;
begin
  months := '{}';
  for m in select distinct date_trunc('month', x)::date from unnest(p_months) x
            where x is not null order by 1 loop
    part := 'shipments_' || to_char(m, 'YYYY_MM');
    perform pg_catalog.pg_advisory_xact_lock(727011, pg_catalog.hashtext(part));
    t := to_regclass(format('shipment_months.%I', part));
    if t is not null then
      if not exists (select from pg_catalog.pg_inherits i
                      where i.inhrelid = t and i.inhparent = 'public.shipments'::regclass) then
        continue;  -- a table of this transaction's own making
      end if;
      execute format('select exists (select from %s)', t) into has_rows;
      if has_rows then
        continue;
      end if;
      execute format('alter table public.shipments detach partition %s', t);
      execute format('drop table %s', t);
    end if;
    if exists (select from shipment_months.shipments_default d
                where d.shipped_on >= m and d.shipped_on < (m + interval '1 month')::date) then
      continue;
    end if;
    if loader is null then
      execute format('create table shipment_months.%I (like public.shipments including defaults)'
                     ' partition by range (shipped_on)', 'shipments_loading_' || pg_backend_pid());
      loader := format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())::regclass;
      execute format('alter table %s alter column txid set default %L::xid8', loader,
                     private.sync_register());
    end if;
    execute format('alter table %s attach partition %s for values from (%L) to (%L)', loader,
                   private.shipment_month_table(m), m, (m + interval '1 month')::date);
    months := months || m;
  end loop;
end
$$;

-- Write the keys and purchase summary of the loader's lines, then attach each of its months to
-- public.shipments and drop it; returns how many lines it held.
create or replace function private.shipment_months_attach(p_loader regclass) returns bigint
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  lines bigint;
  failed text;
  v_ids uuid[];
  part record;
begin
  if p_loader is distinct from to_regclass(
       format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())) then
    raise exception 'not a shipment loader of this session: %', p_loader using errcode = '22023',
      detail = format('不是本会话的发货装载表：%s', p_loader);
  end if;
  -- 1 the keys, company-wide: as shipment_keys_apply after an insert
  begin
    execute format('insert into private.shipment_keys (id, doc_no, line_no)'
                   ' select l.id, l.doc_no, l.line_no from %s l', p_loader);
    get diagnostics lines = row_count;
  exception when unique_violation then
    get stacked diagnostics failed = constraint_name;
    perform private.shipment_key_taken(failed);
  end;
  -- 2 the purchase summary: as purchase_days_apply after an insert
  execute format($q$
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from %s n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) from ins$q$, p_loader) into v_ids;
  if v_ids is not null then
    delete from private.purchase_days p where p.lines <= 0;
    perform private.refresh_purchase_stats(v_ids);
  end if;
  -- 3 each month from the loader to public.shipments
  for part in select i.inhrelid::regclass as t, c.relname::text as name
                from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
               where i.inhparent = p_loader order by c.relname loop
    execute format('alter table %s detach partition %s', p_loader, part.t);
    perform private.shipment_month_attach(to_date(right(part.name, 7), 'YYYY_MM'));
  end loop;
  execute format('drop table %s', p_loader);
  return lines;
end
$$;

revoke all on function private.shipment_month_table(date), private.shipment_month_attach(date),
  private.shipment_months_prepare(date[]), private.shipment_months_attach(regclass)
  from public, anon, authenticated;
grant execute on function private.shipment_months_prepare(date[]),
  private.shipment_months_attach(regclass) to service_role;
