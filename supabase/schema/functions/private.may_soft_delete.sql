-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
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
$_$;

REVOKE ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.may_soft_delete(p_table regclass, p_old jsonb) TO service_role;
