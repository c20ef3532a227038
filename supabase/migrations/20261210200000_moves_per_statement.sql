-- Moving customers is handled once per statement, not once per row (issue 20).
-- Until now each moved customer fired a row trigger that walked its subtree, looked the synced
-- tables up in information_schema and re-stamped every table hanging off the subtree, and each
-- changed owner chain cascaded down the tree by its own nested update. Setting the owners of the
-- large demo's 20,000 customers in one import statement ran for more than 13 minutes.
-- Both triggers are now statement triggers over transition tables: one walk of the union of the
-- moved subtrees, one catalog lookup, one update per table, one update per tree level. Rows that
-- already carry this transaction's id are not rewritten (they travel with it anyway), so a
-- customer that no phone has ever seen (inserted by the same transaction, as in a first import)
-- costs nothing more than the walk. Queries that read the transition tables run by EXECUTE:
-- a cached plan would keep the row estimate of the first call (often an upsert that updated
-- nothing) and join 20,000 rows by nested loops.
-- Sections: 1 owner chains down the tree, 2 revoke and re-send, 3 triggers and grants.

-- 1 owner chains down the tree -------------------------------------------------------------------

-- a changed chain flows down to the children of every changed row; their own (row) trigger
-- recomputes them, and this trigger fires again for that update, one tree level at a time
create or replace function private.customer_owner_chains_down() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- a statement trigger fires for an update of no rows too: that is where the cascade stops
  if not exists (select from new_rows) then
    return null;
  end if;
  execute 'update public.customers c set owner_chain = c.owner_chain'
          ' from new_rows n join old_rows o on o.id = n.id'
          ' where c.parent_id = n.id and o.owner_chain is distinct from n.owner_chain';
  return null;
end
$$;

-- 2 revoke from those who lose a customer, re-send to those who gain it ---------------------------

create or replace function private.sync_customers_moved() returns trigger
language plpgsql security definer set search_path = ''
as $$
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
$$;

-- 3 triggers and grants ----------------------------------------------------------------------------

-- after-statement triggers fire by name: the chains are settled before the moves are read
drop trigger customers_owner_chain_down on public.customers;
drop trigger customers_sync_moved on public.customers;
drop function private.customer_owner_chain_down();
drop function private.sync_customer_moved();

create trigger customers_owner_chain_down
  after update on public.customers
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.customer_owner_chains_down();
create trigger customers_sync_moved
  after update on public.customers
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.sync_customers_moved();

revoke all on function private.customer_owner_chains_down(), private.sync_customers_moved()
  from public, anon;
grant execute on function private.customer_owner_chains_down(), private.sync_customers_moved()
  to authenticated;
