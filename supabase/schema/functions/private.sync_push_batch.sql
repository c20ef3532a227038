-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_push_batch(p jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
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
$_$;

REVOKE ALL ON FUNCTION private.sync_push_batch(p jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_push_batch(p jsonb) TO authenticated;
