-- Issue 20: push 1,000 mutations set-based (docs/sync.md, "How a push is applied").
--
-- Where the time went (1,000 mutations of a day offline, large demo, track_functions): each
-- mutation ran 3-4 statements of its own (a look-up of the row, a pg_attribute query, a dynamic
-- INSERT or UPDATE), each planned afresh and each with its own RLS init plans, so
-- private.staff_customer_ids() ran 1,613 times (1.9 s of 4.6 s), active_user() 4,117 times
-- (0.5 s), my_role() 3,838 times (0.3 s); sync_apply's own work 1.2 s; the growing results array
-- 0.3 s. The rows themselves take ~65 ms as one multi-row statement per table.
--
-- Now sync_push numbers the batch first (duplicates, gaps and bad ids exactly as before), then
-- tries private.sync_push_batch: one INSERT ... SELECT FROM jsonb_populate_recordset per table
-- and column set, then one UPDATE ... FROM per table for each later write of the same rows,
-- inside a subtransaction. It takes only batches whose set-based order provably gives what the
-- outbox order gives (below); anything else, and any error at all, rolls the subtransaction back
-- and the batch is applied one mutation at a time exactly as before (private.sync_apply, one
-- savepoint each), so every answer — applied, conflict, rejected with its reason — is the same.
-- Also: the check-out's order submission runs once per statement, and the role helpers that
-- every RLS policy and guard calls are PL/pgSQL (plans kept), see the end of this file.

create or replace function private.sync_push_batch(p jsonb) returns jsonb
language plpgsql set search_path = ''
as $$
-- p: the mutations to apply (numbered, in outbox order). Returns one result object per mutation
-- in the same order, or null when the batch is not one this path can take. Raises on any error.
--
-- Taken: upserts of visits, orders, order_lines, stock_counts and photos where
--  * every row but a visit is new (not visible on the server) and written once;
--  * an order line belongs to an order inserted earlier in the batch;
--  * a row that names a visit (an order line: its order's visit) comes after that visit's
--    insert and before any later write of that visit (its check-out).
-- Then the schedule (all inserts, parents first; then each visit's 2nd, 3rd … write) changes the
-- order only between rows that do not read each other: what a row's triggers, guards and RLS
-- read of the batch (its visit, its order; a check-out reads its visit's orders and their
-- lines, a photo its visit's times) is written before it in both orders.
declare
  tables constant text[] := array['visits', 'orders', 'order_lines', 'stock_counts', 'photos'];
  uuid_re constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  plan jsonb;
  existing text[] := '{}';
  ex jsonb;
  orders jsonb;
  visits jsonb;
  found_ids text[];
  t text;
  g record;
  cols text;
  written jsonb;
  n bigint;
  versions jsonb := '{}';
begin
  if exists (
      select from jsonb_array_elements(p) e(v)
       where jsonb_typeof(e.v -> 'row') is distinct from 'object'
          or e.v ->> 'op' is distinct from 'upsert'
          or not coalesce(e.v ->> 'table' = any(tables), false)
          or not exists (select from private.sync_tables s where s.name = e.v ->> 'table' and s.pushable)
          or coalesce(e.v -> 'row' ->> 'id', '') !~ uuid_re
          or (e.v -> 'row' ->> 'visit_id') !~ uuid_re
          or (e.v -> 'row' ->> 'order_id') !~ uuid_re
          or coalesce(jsonb_typeof(e.v -> 'base_version'), 'null') not in ('null', 'number')
          or (e.v ->> 'base_version') !~ '^-?[0-9]{1,18}$') then
    return null;
  end if;

  select jsonb_agg(jsonb_build_object('ord', x.ord, 'tbl', x.tbl, 'rid', x.rid, 'r', x.r,
           'k', x.k) order by x.ord)
    into plan
    from (select e.ord, e.v ->> 'table' as tbl, e.v -> 'row' ->> 'id' as rid, e.v -> 'row' as r,
                 row_number() over (partition by e.v ->> 'table', e.v -> 'row' ->> 'id'
                                    order by e.ord) as k
            from jsonb_array_elements(p) with ordinality e(v, ord)) x;

  -- the rows the caller already sees (RLS), as private.sync_apply would look them up
  for t in select distinct m.tbl from jsonb_to_recordset(plan) m(tbl text) loop
    execute format('select array_agg(%L || '':'' || x.id) from public.%I x where x.id = any($1)', t, t)
      into found_ids
      using (select array_agg(m.rid::uuid) from jsonb_to_recordset(plan) m(tbl text, rid text)
              where m.tbl = t);
    existing := existing || coalesce(found_ids, '{}');
  end loop;

  -- look-ups through jsonb objects (keys binary-searched): a batch is up to 1,000 mutations,
  -- and the planner's guess for jsonb_to_recordset (100 rows) would make joins nested loops
  select coalesce(jsonb_object_agg(x.key, true), '{}') into ex from unnest(existing) x(key);
  select coalesce(jsonb_object_agg(m.rid, jsonb_build_object('ord', m.ord, 'visit', m.r -> 'visit_id')), '{}')
    into orders from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, r jsonb)
   where m.tbl = 'orders';
  -- per visit: where the batch inserts it, and where it first updates it
  select coalesce(jsonb_object_agg(v.rid, jsonb_build_array(v.ins_ord, v.upd_ord)), '{}') into visits
    from (select m.rid, min(m.ord) filter (where m.k = 1 and not ex ? ('visits:' || m.rid)) as ins_ord,
                 min(m.ord) filter (where m.k > 1 or ex ? ('visits:' || m.rid)) as upd_ord
            from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, k int)
           where m.tbl = 'visits' group by m.rid) v;
  if exists (
      select from jsonb_to_recordset(plan) c(ord int, tbl text, rid text, r jsonb, k int)
       cross join lateral (select coalesce(c.r ->> 'visit_id',
                                           orders -> (c.r ->> 'order_id') ->> 'visit') as vid) x
       where c.tbl <> 'visits'
         and (c.k > 1 or ex ? (c.tbl || ':' || c.rid)
              or c.tbl = 'order_lines'
                 and coalesce((orders -> (c.r ->> 'order_id') ->> 'ord')::int > c.ord, true)
              or (visits -> x.vid ->> 1)::int < c.ord
              or (visits -> x.vid ->> 0)::int > c.ord)) then
    return null;
  end if;

  for g in
    with m as (
      select m.*, m.k = 1 and not ex ? (m.tbl || ':' || m.rid) as ins,
             (select array_agg(j.key order by j.key) from jsonb_object_keys(m.r) j(key)) as keys
        from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, r jsonb, k int)),
    grouped as (
      select m.tbl, m.k, m.ins, m.keys, jsonb_agg(m.r order by m.ord) as rows, count(*) as n
        from m group by m.tbl, m.k, m.ins, m.keys)
    select grouped.*,
           (select string_agg(format('%I', a.attname), ', ' order by a.attnum)
              from pg_attribute a
             where a.attrelid = ('public.' || grouped.tbl)::regclass and a.attnum > 0
               and not a.attisdropped and a.attname = any(grouped.keys)
               and a.attname not in ('txid', 'version', 'created_at', 'updated_at')) as cols
      from grouped
     order by grouped.k, grouped.ins desc, array_position(tables, grouped.tbl), grouped.keys
  loop
    if g.ins then
      execute format('with w as (insert into public.%1$I (%2$s) select %2$s'
                     ' from jsonb_populate_recordset(null::public.%1$I, $1) returning id, version)'
                     ' select jsonb_object_agg(w.id, w.version), count(*) from w', g.tbl, g.cols)
        into written, n using g.rows;
    elsif g.cols = 'id' then  -- an upsert of the id alone writes nothing (private.sync_apply)
      execute format('select jsonb_object_agg(x.id, x.version), count(*) from public.%I x'
                     ' where x.id in (select (u.r ->> ''id'')::uuid from jsonb_array_elements($1) u(r))',
                     g.tbl)
        into written, n using g.rows;
    else
      cols := regexp_replace(g.cols, '^id, |, id(?=,|$)', '');
      execute format('with w as (update public.%1$I x set (%2$s) = (select %2$s'
                     ' from jsonb_populate_record(null::public.%1$I, u.r))'
                     ' from jsonb_array_elements($1) u(r) where x.id = (u.r ->> ''id'')::uuid'
                     ' returning x.id, x.version)'
                     ' select jsonb_object_agg(w.id, w.version), count(*) from w', g.tbl, cols)
        into written, n using g.rows;
    end if;
    if n is distinct from g.n then  -- a row the caller may not write: answer one by one
      raise exception 'set-based push wrote % of % rows', coalesce(n, 0), g.n;
    end if;
    select versions || jsonb_object_agg(g.tbl || ':' || (u.r ->> 'id') || ':' || g.k,
                                        written -> (u.r ->> 'id'))
      into versions from jsonb_array_elements(g.rows) u(r);
  end loop;

  return (select jsonb_agg(jsonb_build_object('status', 'applied',
                   'version', versions -> (m.tbl || ':' || m.rid || ':' || m.k)) order by m.ord)
            from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, k int));
end
$$;

create or replace function public.sync_push(p_client_id uuid, p_mutations jsonb)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  who uuid := private.require_caller();
  last_id bigint;
  m jsonb;
  mid bigint;
  pos int := 0;
  slots jsonb[];
  fresh jsonb[];
  fresh_pos int[];
  n_fresh int := 0;
  applied jsonb;
  result jsonb;
  touched uuid[] := '{}';
  state text;
  message text;
  i int;
begin
  if p_client_id is null then
    raise exception 'p_client_id is required' using errcode = '22023', detail = '缺少设备编号';
  end if;
  if p_mutations is null or jsonb_typeof(p_mutations) <> 'array' then
    raise exception 'p_mutations must be a JSON array' using errcode = '22023', detail = '变更列表格式无效';
  end if;
  if jsonb_array_length(p_mutations) > 1000 then
    raise exception 'at most 1000 mutations per push' using errcode = '22023', detail = '每次最多提交1000条变更';
  end if;
  insert into public.sync_clients (client_id, user_id) values (p_client_id, who)
    on conflict (client_id) do nothing;
  select c.last_mutation_id into last_id from public.sync_clients c
   where c.client_id = p_client_id for update;
  if last_id is null then
    raise exception 'device % belongs to another user', p_client_id using errcode = '42501',
      detail = '该设备编号属于其他用户';
  end if;

  -- number the batch first: a bad id or a gap refuses the whole push, nothing applied
  slots := array_fill(null::jsonb, array[jsonb_array_length(p_mutations)]);
  fresh := slots;
  fresh_pos := array_fill(null::int, array[jsonb_array_length(p_mutations)]);
  for m in select value from jsonb_array_elements(p_mutations) loop
    pos := pos + 1;
    if jsonb_typeof(m) <> 'object' or coalesce(jsonb_typeof(m -> 'id'), '') <> 'number'
       or coalesce((m ->> 'id') !~ '^[0-9]+$', true) then
      raise exception 'every mutation needs a whole-number id (got %)', left(m::text, 100)
        using errcode = '22023', detail = '每条变更都必须有整数编号';
    end if;
    mid := (m ->> 'id')::bigint;
    if mid <= last_id then
      slots[pos] := jsonb_build_object('id', mid, 'status', 'duplicate');
      continue;
    end if;
    if mid <> last_id + 1 then
      raise exception 'mutation gap: expected id %, got %', last_id + 1, mid using errcode = '22023',
        detail = format('变更编号不连续：应为 %s，收到 %s', last_id + 1, mid);
    end if;
    n_fresh := n_fresh + 1;  -- (arrays filled in place: appending to a jsonb copies it)
    fresh[n_fresh] := m;
    fresh_pos[n_fresh] := pos;
    last_id := mid;
  end loop;

  if n_fresh > 0 then
    begin
      applied := private.sync_push_batch(to_jsonb(fresh[1:n_fresh]));
    exception when others then
      applied := null;  -- rolled back: apply one by one below, with each mutation's own answer
    end;
  end if;
  for i in 1 .. n_fresh loop
    m := fresh[i];
    if applied is not null then
      result := applied -> (i - 1);
    else
      begin
        result := private.sync_apply(m);
        -- of what a phone writes, only incidents and the customer itself feed the warning rules
        -- (docs/warnings.md); visits, counts and orders do not, so they cost no re-evaluation
        if m ->> 'table' = 'customers' then
          touched := touched || (m -> 'row' ->> 'id')::uuid;
        elsif m ->> 'table' = 'incidents' then
          touched := touched || (m -> 'row' ->> 'customer_id')::uuid;
        end if;
      exception when others then
        get stacked diagnostics state = returned_sqlstate, message = message_text;
        result := jsonb_build_object('status', 'rejected', 'sqlstate', state, 'reason', message);
      end;
    end if;
    slots[fresh_pos[i]] := jsonb_build_object('id', (m ->> 'id')::bigint, 'table', m ->> 'table',
      'row_id', m -> 'row' ->> 'id') || result;
  end loop;

  update public.sync_clients set last_mutation_id = last_id, updated_at = now()
   where client_id = p_client_id;
  if cardinality(touched) > 0 then
    perform private.sync_reevaluate(touched);
  end if;
  return jsonb_build_object('last_mutation_id', last_id, 'results', coalesce(to_jsonb(slots), '[]'));
end
$$;

revoke all on function private.sync_push_batch(jsonb) from public, anon;
grant execute on function private.sync_push_batch(jsonb) to authenticated;
revoke all on function public.sync_push(uuid, jsonb) from public, anon;
grant execute on function public.sync_push(uuid, jsonb) to authenticated;

-- A check-out submits its visit's draft orders that have lines (20261208150000_outlet_orders.sql),
-- now once per statement over the transition tables instead of once per visit row: the
-- set-based push checks out a day's visits in one UPDATE.
create or replace function private.submit_visit_orders() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.orders o
     set status = 'submitted', submitted_at = now(),
         supplier_id = private.order_supplier(o.customer_id),
         ship_to_name = c.name, ship_to_address = c.address, ship_to_contact = c.contact_name,
         ship_to_phone = c.phone
    from public.customers c, checked_out n, was w
   where w.id = n.id and w.checkout_at is null and n.checkout_at is not null
     and c.id = o.customer_id
     and o.visit_id = n.id and o.status = 'draft' and o.deleted_at is null
     and exists (select from public.order_lines l where l.order_id = o.id and l.deleted_at is null);
  return null;
end
$$;

drop trigger visits_submit_orders on public.visits;
create trigger visits_submit_orders
  after update on public.visits
  referencing old table as was new table as checked_out
  for each statement execute function private.submit_visit_orders();

-- The caller's role helpers that RLS policies and the write guards call in every statement were
-- SQL functions; a security definer SQL function is planned again at each call (~70-90 us), and
-- a push's per-row guards call them ~3,600 times. The same queries in PL/pgSQL keep their plans
-- for the session. Same results, volatility, rights and search_path.
create or replace function private.active_user() returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (select from public.profiles p where p.id = (select auth.uid()) and p.active);
end
$$;

create or replace function private.my_role() returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (select p.role from public.profiles p where p.id = (select auth.uid()) and p.active);
end
$$;

create or replace function private.is_manager() returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce((select private.my_role()) = 'manager', false);
end
$$;
