-- A first pull reads the caller's customers by their ids, not every customer (issue 20).
--
-- A page's customers branch walked customers_txid_idx and applied the read policy to each row
-- until it had p_limit + 1 keys: a rep's or an area manager's first pull read every customer of
-- the company to keep their own (national demo: 102,000 rows read, 597 kept, 125 ms of a 215 ms
-- first page). Saying the policy's own terms again in the branch does not help: under row
-- level security a caller's condition that is not leakproof (owner_chain @> …) may not be
-- tried before the policy, so it cannot use customers_owner_chain_idx. An id compared with `=`
-- can. So the branch now also asks `t.id = any(private.readable_customer_ids())`: the ids the
-- policy "Staff can read the customers they look after" can let the caller see, found by the
-- policy's indexes without row level security (for a manager, who reads every customer, the
-- branch is as before). The policy still decides every row, as before; the function only has to
-- hold every id the policy lets through, and holds exactly those:
--   an area manager      owner_chain @> {me}, or a customer of one of my areas (which
--                        private.staff_customer_ids() returns for an area manager);
--   anyone else          owner_chain @> {me} (is_manager() is false, the area term needs the
--                        area manager's role).
-- The planner takes the ids (a few hundred or thousand, by primary key, then sorted) when the
-- position is far back, and the (txid, id) index as before when it is recent: an incremental
-- pull reads the ids only if a customer changed. tests/db/test_sync_pages.py checks, for every
-- persona, that a first pull returns exactly the customers a select under row level security
-- returns. As 20261215300000 otherwise.

create function private.readable_customer_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' set jit = off
as $$
declare
  me uuid := (select auth.uid());
begin
  if (select private.my_role()) = 'area_manager' then  -- and the customers of my areas
    return array(select c.id from public.customers c where c.owner_chain @> array[me]
                 union
                 select private.staff_customer_ids());
  end if;
  return array(select c.id from public.customers c where c.owner_chain @> array[me]);
end
$$;

revoke all on function private.readable_customer_ids() from public, anon;
grant execute on function private.readable_customer_ids() to authenticated, service_role;

-- The customers of an area manager's areas by customers_area_id_idx: `area_id in (select
-- private.my_area_ids())` was planned as a hash join over every customer (102,000 rows read,
-- ~40 ms, for 3,386 kept), and the policies of a dozen tables call this function, once per
-- statement each: an area manager's first pull (4,436 rows) spent 320 of its 635 ms here. As
-- 20261127121000 otherwise.
create or replace function private.staff_customer_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' set jit = off
as $$
declare
  who uuid := (select auth.uid());
  role text := (select private.my_role());
begin
  if role = 'manager' then
    return query select c.id from public.customers c;
  elsif role = 'area_manager' then
    return query select c.id from public.customers c
      where c.area_id = any(array(select private.my_area_ids()));
  elsif role = 'rep' then
    return query select c.id from public.customers c where c.owner_chain @> array[who];
  end if;
end
$$;

create or replace function public.sync_pull(p_since bigint, p_limit integer default 1000, p_after text default null)
returns json
language plpgsql stable
set search_path = ''
set jit = off
as $$
declare
  bound bigint := private.sync_pull_bound(pg_current_snapshot())::text::bigint;
  my_role text;
  after_ord smallint;
  after_id text;
  branches text;
  page record;
  t record;
  names text[] := '{}';
  parts json[] := '{}';
  rows json;
  revoked json;
begin
  perform private.require_caller();
  my_role := (select private.my_role());
  if p_since is null or p_since < 0 then
    raise exception 'p_since must be 0 or a cursor from an earlier pull' using errcode = '22023',
      detail = '同步游标无效';
  end if;
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'p_limit must be between 1 and 10000' using errcode = '22023',
      detail = '每页条数应在1到10000之间';
  end if;
  if p_after is not null and p_after !~ '^[a-z_]+:[0-9A-Za-z._-]+$' then
    raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
      detail = '同步位置无效';
  end if;
  if p_after is not null then
    after_id := split_part(p_after, ':', 2);  -- (a select into from no row would null it)
    select s.ord into after_ord from private.sync_tables s where s.name = split_part(p_after, ':', 1);
    if (after_ord is null and (split_part(p_after, ':', 1) <> '_revoked' or after_id !~ '^[0-9]+$'))
       or (after_ord is not null and split_part(p_after, ':', 1) <> 'settings'
           and after_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') then
      raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
        detail = '同步位置无效';
    end if;
    after_ord := coalesce(after_ord, 0);
  end if;
  if bound <= p_since then
    return json_build_object('cursor', p_since, 'after', p_after, 'has_more', false,
      'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
      'changes', '{}'::json, 'revoked', '[]'::json);
  end if;

  -- each table's keys after the position, by its (txid, id) index: $1 cursor, $2 bound,
  -- $3 the position's id, $4 p_limit + 1
  select string_agg(format(
    '(select t.txid, %s::smallint as ord, %s as id from public.%I t where %s'
    ' and t.txid < $2::text::xid8%s%s order by t.txid, t.%I limit $4)',
    s.ord, case when s.name = 'settings' then 't.key' else 't.id::text' end, s.name,
    case
      when after_ord is null or s.ord > after_ord then 't.txid >= $1::text::xid8'
      when s.ord < after_ord then 't.txid > $1::text::xid8'
      when s.name = 'settings' then '(t.txid, t.key) > ($1::text::xid8, $3)'
      else '(t.txid, t.id) > ($1::text::xid8, $3::uuid)'
    end,
    coalesce(' and (' || s.pull_filter || ')', ''),
    -- the customers the read policy can let through, by id (see the header)
    case when s.name = 'customers' and my_role is distinct from 'manager'
         then ' and t.id = any((select private.readable_customer_ids())::uuid[])' else '' end,
    case when s.name = 'settings' then 'key' else 'id' end), ' union all ' order by s.ord)
    into branches
    from private.sync_tables s
   where s.roles is null or my_role = any(s.roles);
  -- the user's revocations: few, in the order of their ids as text (as positions always were)
  branches := branches || format(
    ' union all (select r.txid, 0::smallint, r.id::text from public.sync_revocations r'
    ' where r.user_id = auth.uid() and %s and r.txid < $2::text::xid8 order by 1, 3 limit $4)',
    case when after_ord is null then 'r.txid >= $1::text::xid8'
         when after_ord > 0 then 'r.txid > $1::text::xid8'
         else '(r.txid > $1::text::xid8 or (r.txid = $1::text::xid8 and r.id::text > $3))' end);

  -- the page: p_limit keys, or fewer so that a page never ends inside a transaction unless one
  -- transaction alone fills it (then `after` says where in it the next page starts)
  execute format($q$
    with u as materialized (
      select u.txid, u.ord, u.id, row_number() over (order by u.txid, u.ord, u.id) as rn
        from (%s) u order by u.txid, u.ord, u.id limit $4
    ), d as (
      select count(*) as n,
             max(txid) filter (where rn = 1) as tx_first,
             max(txid) filter (where rn = $4 - 1) as tx_last,
             max(txid) filter (where rn = $4) as tx_next,
             max(ord) filter (where rn = $4 - 1) as ord_last,
             max(id) filter (where rn = $4 - 1) as id_last
        from u
    ), k as (
      select u.ord, u.id from u, d
       where d.n < $4 or (d.tx_first = d.tx_next and u.rn < $4) or u.txid < d.tx_next
    )
    select d.n, d.tx_first = d.tx_next as one_tx, d.tx_last::text::bigint as tx_last,
           d.tx_next::text::bigint as tx_next, d.ord_last, d.id_last,
           (select array_agg(k.ord) from k) as ords, (select array_agg(k.id) from k) as ids
      from d
  $q$, branches)
    into page using p_since, bound, after_id, p_limit + 1;

  -- the rows of the tables on the page, every column but txid
  for t in
    select s.name, s.ord, (select string_agg(format('x.%I', a.attname), ', ' order by a.attnum)
                             from pg_catalog.pg_attribute a
                            where a.attrelid = ('public.' || quote_ident(s.name))::regclass
                              and a.attnum > 0 and not a.attisdropped and a.attname <> 'txid') as cols
      from private.sync_tables s
     where s.ord in (select distinct o from unnest(page.ords) o)
     order by s.ord
  loop
    if t.name = 'settings' then
      execute format('select json_agg(r) from (select %s, x.key as id from public.settings x'
                     ' where x.key = any($1)) r', t.cols)
        into rows using array(select z.i from unnest(page.ids, page.ords) z (i, o) where z.o = t.ord);
    else
      execute format('select json_agg(r) from (select %s from public.%I x where x.id = any($1)) r',
                     t.cols, t.name)
        into rows using array(select z.i::uuid from unnest(page.ids, page.ords) z (i, o) where z.o = t.ord);
    end if;
    if rows is not null then
      names := names || t.name;
      parts := parts || rows;
    end if;
  end loop;
  select coalesce(json_agg(json_build_object('table', r.table_name, 'id', r.row_id)), '[]'::json)
    into revoked from public.sync_revocations r
   where r.user_id = auth.uid()
     and r.id::text in (select z.i from unnest(page.ids, page.ords) z (i, o) where z.o = 0);

  return json_build_object(
    'cursor', case when page.n <= p_limit then bound
                   when page.one_tx then page.tx_last else page.tx_next end,
    'after', case when page.n > p_limit and page.one_tx
                  then coalesce((select s.name from private.sync_tables s where s.ord = page.ord_last),
                                '_revoked') || ':' || page.id_last end,
    'has_more', page.n > p_limit,
    'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
    'changes', coalesce((select json_object_agg(z.n, z.r) from unnest(names, parts) z (n, r)), '{}'::json),
    'revoked', revoked);
end
$$;
