-- Issue 14, the points left open (docs/access.md):
-- 1 boxes are whole everywhere: a stock count and an order line too;
-- 2 a direct write of a guarded transition obeys its RPC: terminating a contract needs the note
--   that only terminate_contract carries, rejecting a plan needs a comment;
-- 3 the write guard is written out per table: private.install_write_guards() generates, from
--   the catalog, one trigger function per public table with its keys and foreign keys as static
--   SQL (plans cached per session) instead of asking the catalog and running dynamic SQL at every
--   row. A migration that adds a table, a key or a foreign key calls it again
--   (tests/db/test_access_references.py fails until it does).

-- 1 whole boxes ---------------------------------------------------------------------------------
-- Quantities are counted in the product's unit (products.unit, 箱 by default), a whole number of
-- packs: an opened box is not counted or ordered either.

alter table public.stock_counts drop constraint stock_counts_quantity_range;
alter table public.stock_counts add constraint stock_counts_quantity_range
  check (quantity = trunc(quantity) and quantity between 0 and 1000000);
alter table public.order_lines drop constraint order_lines_quantity_range;
alter table public.order_lines add constraint order_lines_quantity_range
  check (quantity = trunc(quantity) and quantity between 0 and 1000000);

-- 2 guarded transitions -------------------------------------------------------------------------

-- A contract is terminated only with a reason, as terminate_contract (advance_contract) requires:
-- the RPC hands the note to the history trigger in fieldsales.contract_note, which a direct
-- write (PATCH, sync_push) cannot set. The old version that a new one supersedes is terminated
-- by the security-definer history trigger, not an API role, and passes.
create or replace function private.guard_contract_termination() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'terminated'
     and old.status <> 'terminated'
     and length(btrim(coalesce(current_setting('fieldsales.contract_note', true), ''))) = 0 then
    raise exception 'terminating a contract needs a note: use terminate_contract'
      using errcode = '22023', detail = '终止合同须填写原因（请使用“终止合同”操作）';
  end if;
  return new;
end
$$;

create trigger contracts_guard_termination
  before update of status on public.contracts
  for each row execute function private.guard_contract_termination();

-- A plan is rejected only with a comment, as reject_visit_plan (decide_visit_plan) requires.
create or replace function private.guard_plan_rejection() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'rejected'
     and old.status <> 'rejected'
     and length(btrim(coalesce(new.decision_comment, ''))) = 0 then
    raise exception 'rejecting a plan needs a comment' using errcode = '22023',
      detail = '退回计划须填写意见';
  end if;
  return new;
end
$$;

create trigger visit_plans_guard_rejection
  before update of status on public.visit_plans
  for each row execute function private.guard_plan_rejection();

revoke all on function private.guard_contract_termination(), private.guard_plan_rejection()
  from public;
grant execute on function private.guard_contract_termination(), private.guard_plan_rejection()
  to authenticated, service_role;

-- 3 the write guard, written out per table ------------------------------------------------------
-- The rules are those of 20261206110000 (docs/access.md "References and guarded writes"): for API
-- roles a row's key never changes; a change of deleted_at needs the table's delete policies;
-- every foreign key set or changed points to a row the caller sees (a dealer: also its own
-- company), one to a person names the caller or an active staff member; a new or changed key
-- held by a row the caller cannot see is refused like a policy refusal.

-- Whether the caller's delete policies on the table pass for this row (a soft delete by update).
create or replace function private.may_soft_delete(p_table regclass, p_old jsonb) returns boolean
language plpgsql set search_path = ''
as $$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = p_table);
  quals text;
  ok boolean;
begin
  select string_agg('(' || pl.qual || ')', ' or ') into quals from pg_catalog.pg_policies pl
   where pl.schemaname = 'public' and pl.tablename = name
     and pl.cmd in ('DELETE', 'ALL') and pl.permissive = 'PERMISSIVE'
     and pl.roles && array['authenticated', 'public']::name[];
  if quals is null then
    return false;
  end if;
  -- the row under the table's own name: a policy's text names its columns that way
  execute format('select exists (select from (select (jsonb_populate_record(null::%s, $1)).*) %I' ||
                 ' where %s)', p_table, name, quals)
    into ok using p_old;
  return ok;
end
$$;

-- "(t.a, t.b) = (r.x, r.y)"; "r.x is null or r.y is null" (cols_test) or "r.x, r.y" (no test,
-- joined by ',') for column lists.
create or replace function private.cols_equal(p_left text, p_lcols text[], p_right text,
                                              p_rcols text[]) returns text
language sql immutable set search_path = ''
as $$
  select format('(%s) = (%s)',
    (select string_agg(format('%I.%I', p_left, c), ', ' order by o) from unnest(p_lcols)
       with ordinality as x(c, o)),
    (select string_agg(format('%I.%I', p_right, c), ', ' order by o) from unnest(p_rcols)
       with ordinality as x(c, o)))
$$;

create or replace function private.cols_test(p_row text, p_cols text[], p_test text,
                                             p_join text) returns text
language sql immutable set search_path = ''
as $$
  select string_agg(format('%I.%I', p_row, c) || coalesce(' ' || nullif(p_test, ''), ''),
                    case p_join when ',' then ', ' else ' ' || p_join || ' ' end)
    from unnest(p_cols) c
$$;

-- The source of a table's two guard functions: the trigger (security invoker: "may see" is
-- asked with the caller's rights) and its key probe (security definer: whether a row holds a key,
-- seen or not; only a trigger may ask, or it would be an existence probe).
create or replace function private.write_guard_source(p_table regclass)
returns table (guard text, probe text)
language plpgsql stable set search_path = ''
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
    select c.conname, c.confrelid::regclass as target, t.relname::text as target_name,
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
     order by c.conname
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
    select c.conname, array_agg(a.attname::text order by n.ord) as cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey) with ordinality as n(attnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
     where c.conrelid = p_table and c.contype in ('p', 'u')
     group by c.oid, c.conname
     order by c.conname
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

-- (Re)create every public table's guard functions from the catalog and make its trigger
-- <table>_00_guard_write (first of its BEFORE triggers: they fire in name order) call them.
-- Returns how many tables it covers.
create or replace function private.install_write_guards() returns integer
language plpgsql set search_path = ''
as $$
declare
  t record;
  src record;
  n integer := 0;
begin
  for t in select c.oid::regclass as tbl, c.relname from pg_catalog.pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            order by c.relname
  loop
    select * into src from private.write_guard_source(t.tbl);
    execute format('create or replace function private.%I(p_key integer, r %s) returns boolean' ||
                   ' language plpgsql stable security definer set search_path = '''' as %L',
                   'key_taken_' || t.relname, t.tbl, src.probe);
    execute format('create or replace function private.%I() returns trigger' ||
                   ' language plpgsql set search_path = '''' as %L',
                   'guard_write_' || t.relname, src.guard);
    execute format('revoke all on function private.%I(integer, %s), private.%I() from public',
                   'key_taken_' || t.relname, t.tbl, 'guard_write_' || t.relname);
    execute format('grant execute on function private.%I(integer, %s), private.%I()' ||
                   ' to authenticated, service_role',
                   'key_taken_' || t.relname, t.tbl, 'guard_write_' || t.relname);
    execute format('create or replace trigger %I before insert or update on %s' ||
                   ' for each row execute function private.%I()',
                   t.relname || '_00_guard_write', t.tbl, 'guard_write_' || t.relname);
    n := n + 1;
  end loop;
  return n;
end
$$;

revoke all on function private.may_soft_delete(regclass, jsonb),
  private.cols_equal(text, text[], text, text[]), private.cols_test(text, text[], text, text),
  private.write_guard_source(regclass), private.install_write_guards() from public;
grant execute on function private.may_soft_delete(regclass, jsonb) to authenticated, service_role;

select private.install_write_guards();

-- the generic guard, its probe and their helper are replaced by the generated functions
drop function private.guard_write();
drop function private.key_taken(regclass, text[], jsonb);
drop function private.key_condition(regclass, text[], text[]);

