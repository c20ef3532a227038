-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  r jsonb := to_jsonb(new);
  o jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
  k record;
  ok boolean;
  quals text;
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if exists (select from pg_catalog.pg_constraint c
                cross join unnest(c.conkey) as n(attnum)
                join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
               where c.conrelid = tg_relid and c.contype = 'p'
                 and r -> a.attname is distinct from o -> a.attname) then
      perform private.deny(format('the key of a %s row never changes', tg_table_name),
                           '记录编号不能修改');
    end if;
    if r ? 'deleted_at' and r -> 'deleted_at' is distinct from o -> 'deleted_at' then
      select string_agg('(' || p.qual || ')', ' or ') into quals from pg_catalog.pg_policies p
       where p.schemaname = 'public' and p.tablename = tg_table_name
         and p.cmd in ('DELETE', 'ALL') and p.permissive = 'PERMISSIVE'
         and p.roles && array['authenticated', 'public']::name[];
      if quals is not null then
        -- the row under the table's own name: a policy's text names its columns that way
        execute format('select exists (select from (select ($1::public.%I).*) %I where %s)',
                       tg_table_name, tg_table_name, quals)
          into ok using old;
      end if;
      if not coalesce(ok, false) then
        perform private.deny(format('you cannot delete this %s row', tg_table_name),
                             '无权删除该记录');
      end if;
    end if;
  end if;

  -- references: every single- or multi-column foreign key into the public schema
  for k in
    select c.confrelid::regclass as target, t.relname::text as target_name,
           array_agg(a.attname::text order by n.ord) as cols,
           array_agg(fa.attname::text order by n.ord) as ref_cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey, c.confkey) with ordinality as n(attnum, refnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
      join pg_catalog.pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = n.refnum
      join pg_catalog.pg_class t on t.oid = c.confrelid
     where c.conrelid = tg_relid and c.contype = 'f'
       and t.relnamespace = 'public'::regnamespace
     group by c.oid, c.confrelid, t.relname
  loop
    continue when exists (select from unnest(k.cols) x where r ->> x is null);
    continue when tg_op = 'UPDATE'
      and not exists (select from unnest(k.cols) x where r -> x is distinct from o -> x);
    execute format('select exists (select from %s t where %s)', k.target,
                   private.key_condition(k.target, k.ref_cols, k.cols))
      into ok using r;
    -- a dealer does not read the customers table, yet its own company is its to refer to
    if not ok and not (k.target_name = 'customers'
                       and (r ->> k.cols[1])::uuid
                           is not distinct from (select private.my_customer_id())) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if k.target_name = 'profiles' and (r ->> k.cols[1])::uuid is distinct from (select auth.uid())
       and not exists (select from public.profiles p where p.id = (r ->> k.cols[1])::uuid
                        and p.active and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny(format('%s.%s names someone who is not an active staff member',
                                  tg_table_name, k.cols[1]),
                           '只能填写本人或在职员工');
    end if;
  end loop;

  -- keys: the primary key and every unique constraint, new or changed
  for k in
    select array_agg(a.attname::text order by n.ord) as cols
      from pg_catalog.pg_constraint c
      cross join unnest(c.conkey) with ordinality as n(attnum, ord)
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = n.attnum
     where c.conrelid = tg_relid and c.contype in ('p', 'u')
     group by c.oid
  loop
    continue when exists (select from unnest(k.cols) x where r ->> x is null);
    continue when tg_op = 'UPDATE'
      and not exists (select from unnest(k.cols) x where r -> x is distinct from o -> x);
    if private.key_taken(tg_relid, k.cols, r) then
      execute format('select exists (select from %s t where %s)', tg_relid::regclass,
                     private.key_condition(tg_relid, k.cols, k.cols))
        into ok using r;
      if not ok then
        perform private.refuse_unseen(tg_table_name);
      end if;
    end if;
  end loop;
  return new;
end
$_$;

REVOKE ALL ON FUNCTION private.guard_write() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write() TO service_role;
