-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.indexes_set_aside(p_table regclass) RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION private.indexes_set_aside(p_table regclass) FROM PUBLIC;
