-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_customer_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  moved uuid[];
  lost_reps uuid[];
  lost_managers uuid[];
  t record;
begin
  with recursive down as (
    select new.id as id
    union
    select c.id from public.customers c join down d on c.parent_id = d.id
  )
  select array_agg(id) into moved from down;

  select coalesce(array_agg(u), '{}') into lost_reps
  from unnest(private.chain_owners(old.owner_id, old.parent_id)) u
  where u <> all (private.chain_owners(new.owner_id, new.parent_id));
  select coalesce(array_agg(u), '{}') into lost_managers
  from unnest(private.area_managers_over(old.area_id)) u
  where u <> all (private.area_managers_over(new.area_id));

  -- a rep who still owns a customer between an outlet and the moved one keeps that outlet
  insert into public.sync_revocations (user_id, table_name, row_id)
  select r, 'customers', c.id
    from public.customers c, unnest(lost_reps) r
   where c.id = any(moved) and r <> all (private.chain_owners(c.owner_id, c.parent_id))
  union all
  select a, 'customers', new.id from unnest(lost_managers) a;

  -- re-send: stamp the moved customers and everything that hangs off them
  update public.customers set txid = pg_current_xact_id()
   where id = any(moved) and id <> new.id;
  for t in
    select s.name from private.sync_tables s
    join information_schema.columns c
      on c.table_schema = 'public' and c.table_name = s.name and c.column_name = 'customer_id'
  loop
    execute format('update public.%I set txid = pg_current_xact_id() where customer_id = any($1)', t.name)
      using moved;
  end loop;
  update public.order_lines set txid = pg_current_xact_id()
   where order_id in (select o.id from public.orders o where o.customer_id = any(moved));
  return null;
end
$_$;

REVOKE ALL ON FUNCTION private.sync_customer_moved() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_customer_moved() TO authenticated;
