-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.add_active_user_policies() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  t regclass;
  n integer := 0;
begin
  for t in
    select c.oid::regclass from pg_catalog.pg_class c
      join pg_catalog.pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
       and not exists (select from pg_catalog.pg_policy p
                        where p.polrelid = c.oid and p.polname = 'Only active users get in')
     order by c.relname
  loop
    execute format(
      'create policy "Only active users get in" on %s as restrictive for all to authenticated'
      ' using ((select private.active_user())) with check ((select private.active_user()))', t);
    n := n + 1;
  end loop;
  return n;
end
$$;

REVOKE ALL ON FUNCTION private.add_active_user_policies() FROM PUBLIC;
