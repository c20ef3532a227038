-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_customers_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  tx xid8;
  roots uuid[];
  seen boolean;
  rehomed boolean;
  moved uuid[];
  t record;
begin
  if not exists (select from new_rows) then
    return null;
  end if;
  execute 'select array_agg(n.id), bool_or(o.owner_chain <> ''{}''),'
          ' bool_or(o.area_id is distinct from n.area_id)'
          ' from new_rows n join old_rows o on o.id = n.id'
          ' where (o.owner_id, o.area_id, o.parent_id)'
          ' is distinct from (n.owner_id, n.area_id, n.parent_id)'
    into roots, seen, rehomed;
  if roots is null then
    return null;
  end if;
  tx := private.sync_register();  -- the stamp this transaction's rows carry

  with recursive down as (
    select unnest(roots) as id
    union
    select c.id from public.customers c join down d on c.parent_id = d.id
  )
  select array_agg(id) into moved from down;

  -- Reps who could see a moved customer (through it or a customer above it) and no longer see
  -- an outlet of its subtree lose that outlet; a rep who still owns a customer between the
  -- outlet and the moved one keeps it. Chains are current here: the chain trigger fired first.
  -- Nobody could see a customer whose chain was empty (one given its first owner by an import).
  if seen then
    execute $q$
      insert into public.sync_revocations (user_id, table_name, row_id)
      with recursive roots as (
        select n.id, o.owner_chain as old_chain from new_rows n join old_rows o on o.id = n.id
         where (o.owner_id, o.area_id, o.parent_id)
               is distinct from (n.owner_id, n.area_id, n.parent_id)
           and o.owner_chain <> '{}'
      ), down as (
        select r.id, r.id as root from roots r
        union
        select c.id, d.root from public.customers c join down d on c.parent_id = d.id
      )
      select distinct u, 'customers', c.id
        from down d
        join roots r on r.id = d.root
        join public.customers c on c.id = d.id
        cross join unnest(r.old_chain) u
       where u <> all (c.owner_chain)
    $q$;
  end if;
  -- area managers over the old area but not the new one lose the moved customer itself
  if rehomed then
    execute $q$
      insert into public.sync_revocations (user_id, table_name, row_id)
      with areas as materialized (
        select n.id, o.area_id as old_area, n.area_id as new_area
          from new_rows n join old_rows o on o.id = n.id
         where o.area_id is distinct from n.area_id
      )
      select distinct a, 'customers', r.id
        from areas r
        cross join unnest(private.area_managers_over(r.old_area)) a
       where a <> all (private.area_managers_over(r.new_area))
    $q$;
  end if;

  -- re-send: stamp the moved customers and everything that hangs off them (once per table)
  update public.customers set txid = tx where id = any(moved) and txid <> tx;
  for t in
    select s.name from private.sync_tables s
      join pg_catalog.pg_class k on k.relname = s.name and k.relnamespace = 'public'::regnamespace
      join pg_catalog.pg_attribute a
        on a.attrelid = k.oid and a.attname = 'customer_id' and not a.attisdropped
  loop
    execute format('update public.%I set txid = $2 where customer_id = any($1) and txid <> $2',
                   t.name)
      using moved, tx;
  end loop;
  update public.order_lines set txid = tx
   where order_id in (select o.id from public.orders o where o.customer_id = any(moved))
     and txid <> tx;
  return null;
end
$_$;

REVOKE ALL ON FUNCTION private.sync_customers_moved() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_customers_moved() TO authenticated;
