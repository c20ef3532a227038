-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.write_guard_source(p_table regclass) RETURNS TABLE(guard text, probe text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
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
$_$;

REVOKE ALL ON FUNCTION private.write_guard_source(p_table regclass) FROM PUBLIC;
