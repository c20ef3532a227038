-- Issue 20: a first import (every month new) wrote its keys and purchase summaries into empty
-- tables one index insert per row: private.shipment_keys (two unique indexes, 985,386 random
-- uuids and document lines: 5 s of the 19 s in shipment_months_attach), purchase_days (four
-- indexes) and purchase_months. Into an empty table that no other session is using, those
-- indexes are now dropped, the rows inserted, and the indexes built again by sorting, as CREATE
-- INDEX builds them (measured on the large demo: keys 5.0 s -> 2.2 s, days 3.8 -> 2.4, months
-- 4.5 -> 2.8). A table with rows, or one another session holds a lock on, is written as before.
--
-- * private.indexes_set_aside(table) takes such a table (empty, locked ACCESS EXCLUSIVE without
--   waiting, not referenced by a foreign key, no index commented, clustered on or the replica
--   identity), drops its key constraints and indexes and returns the statements that make them
--   again, exactly as they were (pg_get_constraintdef, pg_get_indexdef); null when the table is
--   not such a table (nothing dropped).
-- * private.indexes_restore(statements) runs them. A document line held twice by the new keys
--   fails there, as a unique violation of the same constraint shipment_keys_doc_no_line_no_key
--   (CREATE UNIQUE INDEX names it), so private.shipment_key_taken gives the same bilingual
--   refusal and nothing is written.
-- * purchase_days_added_sql and purchase_months_added_sql get a second form without ON CONFLICT
--   (no unique index to arbitrate while it is set aside; the rows are grouped by the key, and the
--   table is empty, so no conflict can arise).

create or replace function private.indexes_set_aside(p_table regclass) returns text[]
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  has_rows boolean;
  remake text[];
  c record;
begin
  execute format('select exists (select from %s)', p_table) into has_rows;
  if has_rows then
    return null;
  end if;
  begin
    execute format('lock table %s in access exclusive mode nowait', p_table);
  exception when lock_not_available then
    return null;  -- in use elsewhere: written as before, no waiting
  end;
  execute format('select exists (select from %s)', p_table) into has_rows;
  if has_rows or exists (select from pg_catalog.pg_constraint f where f.confrelid = p_table)
     -- what making them again would not keep: a comment, clustering, replica identity
     or exists (select from pg_catalog.pg_index i
                 where i.indrelid = p_table
                   and (i.indisclustered or i.indisreplident
                        or exists (select from pg_catalog.pg_description d
                                    where d.objoid = i.indexrelid)
                        or exists (select from pg_catalog.pg_constraint k
                                     join pg_catalog.pg_description d on d.objoid = k.oid
                                    where k.conindid = i.indexrelid and k.conrelid = p_table)))
  then
    return null;
  end if;
  -- keys (with their indexes) first, then the other indexes: made again in that order
  select coalesce(array_agg(format('alter table %s add constraint %I %s', p_table, k.conname,
                                   pg_catalog.pg_get_constraintdef(k.oid)) order by k.conname),
                  '{}')
    into remake
    from pg_catalog.pg_constraint k
   where k.conrelid = p_table and k.contype in ('p', 'u', 'x');
  select remake || coalesce(array_agg(pg_catalog.pg_get_indexdef(i.indexrelid)
                                      order by i.indexrelid::regclass::text), '{}')
    into remake
    from pg_catalog.pg_index i
   where i.indrelid = p_table
     and not exists (select from pg_catalog.pg_constraint k where k.conindid = i.indexrelid
                       and k.conrelid = p_table);
  for c in select k.conname from pg_catalog.pg_constraint k
            where k.conrelid = p_table and k.contype in ('p', 'u', 'x') loop
    execute format('alter table %s drop constraint %I', p_table, c.conname);
  end loop;
  for c in select i.indexrelid::regclass as idx from pg_catalog.pg_index i
            where i.indrelid = p_table loop
    execute format('drop index %s', c.idx);
  end loop;
  return remake;
end
$$;

create or replace function private.indexes_restore(p_statements text[]) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  s text;
begin
  foreach s in array coalesce(p_statements, '{}') loop
    execute s;
  end loop;
end
$$;

-- As 20261216400000, with ON CONFLICT only when p_merge (a table whose key is set aside has none).
create or replace function private.purchase_days_added_sql(p_relation text, p_merge boolean)
returns text
language sql immutable set search_path = ''
as $$
  select format($q$
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from %s n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on%s
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) from ins$q$, p_relation,
    case when p_merge then $q$
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines$q$ else '' end)
$$;

create or replace function private.purchase_days_added_sql(p_relation text) returns text
language sql immutable set search_path = ''
as $$
  select private.purchase_days_added_sql(p_relation, true)
$$;

-- As 20261216600000, with ON CONFLICT only when p_merge.
create or replace function private.purchase_months_added_sql(p_relation text, p_merge boolean)
returns text
language sql immutable set search_path = ''
as $$
  select format($q$
    insert into private.purchase_months as p (customer_id, product_id, month, lines, quantity,
                                              amount)
    select n.customer_id, n.product_id, date_trunc('month', n.shipped_on)::date, count(*),
           sum(n.quantity), sum(n.amount)
      from %s n
     where n.deleted_at is null
     group by n.customer_id, n.product_id, date_trunc('month', n.shipped_on)%s$q$, p_relation,
    case when p_merge then $q$
    on conflict (customer_id, month, product_id) do update
       set lines = p.lines + excluded.lines, quantity = p.quantity + excluded.quantity,
           amount = p.amount + excluded.amount$q$ else '' end)
$$;

create or replace function private.purchase_months_added_sql(p_relation text) returns text
language sql immutable set search_path = ''
as $$
  select private.purchase_months_added_sql(p_relation, true)
$$;

-- As 20261216600000, writing into an empty keys or summary table with its indexes set aside.
create or replace function private.shipment_months_attach(p_loader regclass) returns bigint
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  lines bigint;
  failed text;
  v_ids uuid[];
  part record;
  aside text[];
begin
  if p_loader is distinct from to_regclass(
       format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())) then
    raise exception 'not a shipment loader of this session: %', p_loader using errcode = '22023',
      detail = format('不是本会话的发货装载表：%s', p_loader);
  end if;
  -- 1 the keys, company-wide: as shipment_keys_apply after an insert (a document line twice
  -- fails the insert, or the unique index's build when the table was empty)
  begin
    aside := private.indexes_set_aside('private.shipment_keys');
    execute format('insert into private.shipment_keys (id, doc_no, line_no)'
                   ' select l.id, l.doc_no, l.line_no from %s l', p_loader);
    get diagnostics lines = row_count;
    perform private.indexes_restore(aside);
  exception when unique_violation then
    get stacked diagnostics failed = constraint_name;
    perform private.shipment_key_taken(failed);
  end;
  -- 2 the purchase summaries: the statements their triggers run after an insert
  aside := private.indexes_set_aside('private.purchase_days');
  execute private.purchase_days_added_sql(p_loader::text, aside is null) into v_ids;
  perform private.indexes_restore(aside);
  perform private.purchase_days_settle(v_ids);
  aside := private.indexes_set_aside('private.purchase_months');
  execute private.purchase_months_added_sql(p_loader::text, aside is null);
  perform private.indexes_restore(aside);
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

revoke all on function private.indexes_set_aside(regclass), private.indexes_restore(text[]),
  private.purchase_days_added_sql(text, boolean), private.purchase_months_added_sql(text, boolean)
  from public, anon, authenticated;
