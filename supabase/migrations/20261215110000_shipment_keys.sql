-- Issue 20, continued: what the partitioned shipments (20261215100000) can no longer say by
-- constraints, kept true by triggers — none of it weakened.
--
-- 1 One line per (doc_no, line_no) and one row per id, company-wide. A unique index of a
--   partitioned table must contain the partition key, and (doc_no, line_no, shipped_on) would let
--   the same document line exist once per month. So the keys live in a side table,
--   private.shipment_keys, with real unique indexes (safe under concurrency, unlike a "does it
--   exist" check), kept by statement triggers over the transition tables (set-based: one insert
--   per statement, however many rows). A duplicate fails the whole statement with a bilingual
--   message (SQLSTATE 23505 as before); nothing is written.
-- 2 The references case_lines.shipment_id and returns.shipment_id: a foreign key to a partitioned
--   table must name its whole key, (id, shipped_on), i.e. a shipped_on copy in every case line and
--   return — a column the phones would sync and the RPCs fill, which would change whenever an
--   import corrects a day. Instead, trigger checks both ways, as a foreign key does them:
--   a case line or return naming a shipment locks it (FOR KEY SHARE, as a foreign key check does)
--   and is refused if it does not exist; a statement deleting shipments (or changing their id) is
--   refused if a case line or return still names one (SQLSTATE 23503 as before, bilingual). A row
--   that moves to another month's partition is an update, not a delete: it stays referable.
--   (Like any trigger check, this relies on READ COMMITTED, which PostgREST and the CLI use.)
-- 3 The write guards (20261207100000) are generated from the catalog's keys and foreign keys:
--   private.trigger_constraints lists what triggers keep instead, so the generated guard still says
--   "the key (id) never changes", refuses an unseen (doc_no, line_no) or id, and refuses a case
--   line naming an unseen shipment, exactly as before.

-- 1 keys ------------------------------------------------------------------------------------------
create table private.shipment_keys (
  id uuid primary key,
  doc_no text not null,
  line_no integer not null,
  unique (doc_no, line_no)
);
insert into private.shipment_keys select s.id, s.doc_no, s.line_no from public.shipments s;
revoke all on private.shipment_keys from public, anon, authenticated;

-- the bilingual refusal of a statement that would hold a key twice
create or replace function private.shipment_key_taken(p_constraint text) returns void
language plpgsql set search_path = ''
as $$
begin
  if p_constraint like '%doc_no%' then
    raise exception 'a shipment line with this doc_no and line_no already exists'
      using errcode = '23505', constraint = 'shipments_doc_no_line_no_key',
            detail = '该发货单号与行号的发货记录已存在（每个发货单行只能有一条记录）';
  end if;
  raise exception 'a shipment with this id already exists' using errcode = '23505',
    constraint = 'shipments_pkey', detail = '该发货记录编号已存在';
end
$$;

create or replace function private.shipment_still_referred() returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception 'a case line or return still refers to this shipment' using errcode = '23503',
    detail = '仍有案件明细或退货记录引用该发货记录，不能删除';
end
$$;

create or replace function private.shipment_keys_apply() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  failed text;
begin
  -- a referenced shipment cannot go (deleted, or its id changed); then its keys go
  if tg_op = 'DELETE' then
    if exists (select from old_rows o
                where exists (select from public.case_lines l where l.shipment_id = o.id)
                   or exists (select from public.returns r where r.shipment_id = o.id)) then
      perform private.shipment_still_referred();
    end if;
    delete from private.shipment_keys k using old_rows o where k.id = o.id;
  elsif tg_op = 'UPDATE' then
    if exists (select from old_rows o
                where not exists (select from new_rows n where n.id = o.id)
                  and (exists (select from public.case_lines l where l.shipment_id = o.id)
                       or exists (select from public.returns r where r.shipment_id = o.id))) then
      perform private.shipment_still_referred();
    end if;
    delete from private.shipment_keys k using old_rows o
     where k.id = o.id
       and not exists (select from new_rows n where n.id = o.id
                         and n.doc_no = o.doc_no and n.line_no = o.line_no);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    begin
      if tg_op = 'INSERT' then
        insert into private.shipment_keys (id, doc_no, line_no)
        select n.id, n.doc_no, n.line_no from new_rows n;
      else
        insert into private.shipment_keys (id, doc_no, line_no)
        select n.id, n.doc_no, n.line_no from new_rows n
         where not exists (select from old_rows o where o.id = n.id
                             and o.doc_no = n.doc_no and o.line_no = n.line_no);
      end if;
    exception when unique_violation then
      get stacked diagnostics failed = constraint_name;
      perform private.shipment_key_taken(failed);
    end;
  end if;
  return null;
end
$$;

create trigger shipments_keys_insert after insert on public.shipments
  referencing new table as new_rows for each statement
  execute function private.shipment_keys_apply();
create trigger shipments_keys_update after update on public.shipments
  referencing old table as old_rows new table as new_rows for each statement
  execute function private.shipment_keys_apply();
create trigger shipments_keys_delete after delete on public.shipments
  referencing old table as old_rows for each statement
  execute function private.shipment_keys_apply();

create or replace function private.shipment_keys_truncate() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  truncate private.shipment_keys;
  return null;
end
$$;
create trigger shipments_keys_truncate after truncate on public.shipments
  for each statement execute function private.shipment_keys_truncate();

-- 2 references ------------------------------------------------------------------------------------
create or replace function private.shipment_reference_check() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  sid uuid := (to_jsonb(new) ->> 'shipment_id')::uuid;
begin
  if sid is null or (tg_op = 'UPDATE' and sid is not distinct from
                     (to_jsonb(old) ->> 'shipment_id')::uuid) then
    return new;
  end if;
  perform from public.shipments s where s.id = sid for key share;
  if not found then
    raise exception '%.shipment_id: shipment % does not exist', tg_table_name, sid
      using errcode = '23503', detail = format('%s.shipment_id：发货记录 %s 不存在',
                                               tg_table_name, sid);
  end if;
  return new;
end
$$;

create trigger case_lines_shipment_exists before insert or update of shipment_id
  on public.case_lines for each row execute function private.shipment_reference_check();
create trigger returns_shipment_exists before insert or update of shipment_id
  on public.returns for each row execute function private.shipment_reference_check();

revoke all on function private.shipment_key_taken(text), private.shipment_still_referred(),
  private.shipment_keys_apply(),
  private.shipment_keys_truncate(), private.shipment_reference_check() from public;
grant execute on function private.shipment_key_taken(text), private.shipment_still_referred(),
  private.shipment_keys_apply(),
  private.shipment_keys_truncate(), private.shipment_reference_check()
  to authenticated, service_role;

-- 3 the write guards ------------------------------------------------------------------------------
-- A key or foreign key kept by triggers: contype 'p', 'u' or 'f' as in pg_constraint; a 'p' or 'u'
-- entry replaces the catalog's constraint of the same name.
create table private.trigger_constraints (
  tbl regclass not null,
  conname text not null,
  contype "char" not null check (contype in ('p', 'u', 'f')),
  cols text[] not null,
  target regclass,
  ref_cols text[],
  primary key (tbl, conname)
);
revoke all on private.trigger_constraints from public, anon, authenticated;
insert into private.trigger_constraints values
  ('public.shipments', 'shipments_pkey', 'p', '{id}', null, null),
  ('public.shipments', 'shipments_doc_no_line_no_key', 'u', '{doc_no,line_no}', null, null),
  ('public.case_lines', 'case_lines_shipment_id_fkey', 'f', '{shipment_id}', 'public.shipments',
   '{id}'),
  ('public.returns', 'returns_shipment_id_fkey', 'f', '{shipment_id}', 'public.shipments', '{id}');

-- As 20261207100000, with the keys and foreign keys of private.trigger_constraints.
create or replace function private.write_guard_source(p_table regclass)
returns table (guard text, probe text)
language plpgsql stable set search_path = '' set jit = off
as $$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = p_table);
  fk record;
  key record;
  pk text[];
  body text := '';
  probe_cases text := '';
  i integer := 0;
  probe_name text := 'key_taken_' || name;
begin
  select array_agg(a.attname::text order by n.ord) into pk
    from pg_catalog.pg_constraint c
    cross join unnest(c.conkey) with ordinality as n(attnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
   where c.conrelid = p_table and c.contype = 'p';
  pk := coalesce((select x.cols from private.trigger_constraints x
                   where x.tbl = p_table and x.contype = 'p'), pk);
  body := body || E'  if tg_op = ''UPDATE'' then\n';
  if pk is not null then
    body := body || format(E'    if (%s) is distinct from (%s) then\n' ||
      E'      perform private.deny(''the key of a %s row never changes'', ''记录编号不能修改'');\n' ||
      E'    end if;\n',
      private.cols_test('new', pk, '', ','), private.cols_test('old', pk, '', ','), name);
  end if;
  if exists (select from pg_catalog.pg_attribute a where a.attrelid = p_table
              and a.attname = 'deleted_at' and not a.attisdropped) then
    body := body || format(E'    if new.deleted_at is distinct from old.deleted_at\n' ||
      E'       and not private.may_soft_delete(%L, to_jsonb(old)) then\n' ||
      E'      perform private.deny(''you cannot delete this %s row'', ''无权删除该记录'');\n' ||
      E'    end if;\n', p_table::text, name);
  end if;
  body := body || E'  end if;\n';

  for fk in
    select * from (
    select c.conname::text as conname, c.confrelid::regclass as target,
           t.relname::text as target_name,
           array_agg(a.attname::text order by n.ord) as cols,
           array_agg(fa.attname::text order by n.ord) as ref_cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey, c.confkey) with ordinality as n(attnum, refnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
      join pg_catalog.pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = n.refnum
      join pg_catalog.pg_class t on t.oid = c.confrelid
     where c.conrelid = p_table and c.contype = 'f'
       and t.relnamespace = 'public'::regnamespace
     group by c.oid, c.conname, c.confrelid, t.relname
    union all
    select x.conname, x.target, t.relname::text, x.cols, x.ref_cols
      from private.trigger_constraints x join pg_catalog.pg_class t on t.oid = x.target
     where x.tbl = p_table and x.contype = 'f') f
     order by f.conname
  loop
    body := body || format(E'  -- %s\n  if not (%s)\n' ||
      E'     and (tg_op = ''INSERT'' or (%s) is distinct from (%s)) then\n' ||
      E'    if not exists (select from %s t where %s)%s then\n' ||
      E'      perform private.refuse_unseen(tg_table_name);\n    end if;\n',
      fk.conname, private.cols_test('new', fk.cols, 'is null', 'or'),
      private.cols_test('new', fk.cols, '', ','), private.cols_test('old', fk.cols, '', ','),
      fk.target, private.cols_equal('t', fk.ref_cols, 'new', fk.cols),
      -- a dealer does not read the customers table, yet its own company is its to refer to
      case when fk.target_name = 'customers' then format(
        E'\n       and new.%I is distinct from (select private.my_customer_id())', fk.cols[1])
      else '' end);
    if fk.target_name = 'profiles' then
      body := body || format(
        E'    if new.%1$I is distinct from (select auth.uid()) and not exists (\n' ||
        E'        select from public.profiles p where p.id = new.%1$I and p.active\n' ||
        E'           and p.role in (''rep'', ''area_manager'', ''manager'')) then\n' ||
        '      perform private.deny(''%2$s.%1$s names someone who is not an active staff member'',' ||
        E' ''只能填写本人或在职员工'');\n    end if;\n', fk.cols[1], name);
    end if;
    body := body || E'  end if;\n';
  end loop;

  for key in
    select * from (
    select c.conname::text as conname, array_agg(a.attname::text order by n.ord) as cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey) with ordinality as n(attnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
     where c.conrelid = p_table and c.contype in ('p', 'u')
       and not exists (select from private.trigger_constraints x
                        where x.tbl = p_table and x.conname = c.conname)
     group by c.oid, c.conname
    union all
    select x.conname, x.cols from private.trigger_constraints x
     where x.tbl = p_table and x.contype in ('p', 'u')) k
     order by k.conname
  loop
    body := body || format(E'  -- %s\n  if not (%s)\n' ||
      E'     and (tg_op = ''INSERT'' or (%s) is distinct from (%s))\n' ||
      E'     and private.%I(%s, new) and not exists (select from %s t where %s) then\n' ||
      E'    perform private.refuse_unseen(tg_table_name);\n  end if;\n',
      key.conname, private.cols_test('new', key.cols, 'is null', 'or'),
      private.cols_test('new', key.cols, '', ','), private.cols_test('old', key.cols, '', ','),
      probe_name, i, p_table, private.cols_equal('t', key.cols, 'new', key.cols));
    probe_cases := probe_cases || format(E'    when %s then exists (select from %s t where %s)\n',
      i, p_table, private.cols_equal('t', key.cols, 'r', key.cols));
    i := i + 1;
  end loop;

  guard := E'\nbegin\n  if current_user not in (''authenticated'', ''anon'') then\n'
    || E'    return new;\n  end if;\n' || body || E'  return new;\nend\n';
  probe := E'\nbegin\n  if pg_trigger_depth() = 0 then\n'
    || E'    raise exception ''private.% is for triggers only'', ''' || probe_name
    || E''' using errcode = ''42501'',\n      detail = ''仅供触发器使用'';\n  end if;\n'
    || case when probe_cases = '' then E'  return false;\n'
            else E'  return case p_key\n' || probe_cases || E'  end;\n' end || E'end\n';
  return next;
end
$$;

select private.install_write_guards();

-- 4 the RPC that inserts shipments makes their month first -----------------------------------------
create or replace function public.ship_order(p_order_id uuid, p_shipped_on date default null)
returns public.orders
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  o public.orders := private.supplied_order(p_order_id);
  today date := private.company_today();
  day date := coalesce(p_shipped_on, today);
begin
  if o.status <> 'accepted' then
    perform private.order_state_error(o, 'accepted', 'shipped', '发货');
  end if;
  if day > today then
    raise exception 'the shipping date % is in the future', day using errcode = '22023',
      detail = '发货日期不能晚于今天';
  end if;
  if day < o.ordered_on then
    raise exception 'the shipping date % is before the order date %', day, o.ordered_on
      using errcode = '22023', detail = '发货日期不能早于下单日期';
  end if;
  perform private.ensure_shipment_months(day, day);
  insert into public.shipments (doc_no, line_no, customer_id, seller_id, product_id, shipped_on,
                                quantity, unit_price, amount)
  select 'ORD-' || replace(o.id::text, '-', ''),
         row_number() over (order by p.sku, l.id), o.customer_id, o.supplier_id, l.product_id,
         day, l.accepted_quantity, l.unit_price, round(l.accepted_quantity * l.unit_price, 2)
    from public.order_lines l join public.products p on p.id = l.product_id
   where l.order_id = o.id and l.deleted_at is null and l.accepted_quantity > 0;
  update public.orders
     set status = 'shipped', shipped_on = day, shipped_at = now(), shipped_by = (select auth.uid())
   where id = o.id
  returning * into o;
  perform private.reevaluate_warnings(array[o.customer_id], today);
  return o;
end
$$;
