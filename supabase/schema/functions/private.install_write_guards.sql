-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.install_write_guards() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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

REVOKE ALL ON FUNCTION private.install_write_guards() FROM PUBLIC;
