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

  if exists (
      with m as (select * from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, r jsonb, k int)),
      kids as (
        select c.ord, c.tbl, c.k, c.rid, o.ord as order_ord,
               coalesce(c.r ->> 'visit_id', o.r ->> 'visit_id') as vid
          from m c
          left join m o on c.tbl = 'order_lines' and o.tbl = 'orders' and o.rid = c.r ->> 'order_id'
         where c.tbl <> 'visits')
      select from kids
       where kids.k > 1 or (kids.tbl || ':' || kids.rid) = any(existing)
          or kids.tbl = 'order_lines' and (kids.order_ord is null or kids.order_ord > kids.ord)
          or exists (select from m v where v.tbl = 'visits' and v.rid = kids.vid
                        and (v.ord < kids.ord and (v.k > 1 or ('visits:' || v.rid) = any(existing))
                             or v.ord > kids.ord and v.k = 1
                                and not ('visits:' || v.rid) = any(existing)))) then
    return null;
  end if;

  for g in
    with m as (select * from jsonb_to_recordset(plan) m(ord int, tbl text, rid text, r jsonb, k int)),
    c as (
      select m.*, m.k = 1 and not (m.tbl || ':' || m.rid) = any(existing) as ins,
             (select string_agg(format('%I', a.attname), ', ' order by a.attnum)
                from pg_attribute a
               where a.attrelid = ('public.' || m.tbl)::regclass and a.attnum > 0
                 and not a.attisdropped and m.r ? a.attname
                 and a.attname not in ('txid', 'version', 'created_at', 'updated_at')) as cols
        from m)
    select c.tbl, c.k, c.ins, c.cols, jsonb_agg(c.r order by c.ord) as rows, count(*) as n
      from c group by c.tbl, c.k, c.ins, c.cols
     order by c.k, c.ins desc, array_position(tables, c.tbl), c.cols
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
