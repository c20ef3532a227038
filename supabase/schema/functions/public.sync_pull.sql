-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.sync_pull(p_since bigint, p_limit integer DEFAULT 1000, p_after text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  bound bigint := private.sync_pull_bound(pg_current_snapshot())::text::bigint;
  my_role text;
  after_ord smallint;
  after_id text;
  keys_sql text;
  tx bigint[];
  ords smallint[];
  ids text[];
  n integer;
  take integer;
  next_cursor bigint;
  next_after text;
  more boolean := false;
  changes jsonb := '{}';
  revoked jsonb := '[]';
  t record;
  page_ids uuid[];
  rows jsonb;
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
    select s.ord, split_part(p_after, ':', 2) into after_ord, after_id
      from private.sync_tables s where s.name = split_part(p_after, ':', 1);
    if after_ord is null and split_part(p_after, ':', 1) <> '_revoked' then
      raise exception 'p_after is not a position from an earlier pull' using errcode = '22023',
        detail = '同步位置无效';
    end if;
    after_ord := coalesce(after_ord, 0);
  end if;
  if bound <= p_since then
    return jsonb_build_object('cursor', p_since, 'after', p_after, 'has_more', false,
      'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
      'changes', '{}'::jsonb, 'revoked', '[]'::jsonb);
  end if;

  select string_agg(format(
    'select t.txid::text::bigint as tx, %s::smallint as ord, t.%I::text as id from public.%I t'
    ' where t.txid >= $1::text::xid8 and t.txid < $2::text::xid8'
    ' and (t.txid > $1::text::xid8 or $3::smallint is null or (%s::smallint, t.%I::text) > ($3, $4))%s',
    s.ord, case when s.name = 'settings' then 'key' else 'id' end, s.name,
    s.ord, case when s.name = 'settings' then 'key' else 'id' end,
    coalesce(' and (' || s.pull_filter || ')', '')), ' union all ' order by s.ord)
    into keys_sql from private.sync_tables s
   where s.roles is null or my_role = any(s.roles);
  keys_sql := keys_sql ||
    ' union all select r.txid::text::bigint, 0::smallint, r.id::text from public.sync_revocations r'
    ' where r.user_id = auth.uid() and r.txid >= $1::text::xid8 and r.txid < $2::text::xid8'
    ' and (r.txid > $1::text::xid8 or $3::smallint is null or (0::smallint, r.id::text) > ($3, $4))';
  execute 'select array_agg(tx order by tx, ord, id), array_agg(ord order by tx, ord, id),'
          ' array_agg(id order by tx, ord, id) from (select * from (' || keys_sql || ') k'
          ' order by tx, ord, id limit $5) p'
    into tx, ords, ids using p_since, bound, after_ord, after_id, p_limit + 1;
  n := coalesce(array_length(tx, 1), 0);

  if n <= p_limit then
    take := n;
    next_cursor := bound;
  elsif tx[1] = tx[p_limit + 1] then
    take := p_limit;
    next_cursor := tx[p_limit];
    next_after := coalesce((select s.name from private.sync_tables s where s.ord = ords[p_limit]),
                           '_revoked') || ':' || ids[p_limit];
    more := true;
  else
    take := p_limit;
    while tx[take] = tx[p_limit + 1] loop
      take := take - 1;
    end loop;
    next_cursor := tx[p_limit + 1];
    more := true;
  end if;

  for t in select s.name, s.ord from private.sync_tables s
            where s.roles is null or my_role = any(s.roles) order by s.ord loop
    select array_agg(ids[i]::uuid) into page_ids
      from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord and t.name <> 'settings';
    if t.name = 'settings' then
      select jsonb_agg((to_jsonb(x) - 'txid') || jsonb_build_object('id', x.key)) into rows
        from public.settings x
       where x.key in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = t.ord);
    elsif page_ids is not null then
      execute format('select jsonb_agg(to_jsonb(x) - ''txid'') from public.%I x where x.id = any($1)', t.name)
        into rows using page_ids;
    else
      rows := null;
    end if;
    if rows is not null then
      changes := changes || jsonb_build_object(t.name, rows);
    end if;
  end loop;
  select coalesce(jsonb_agg(jsonb_build_object('table', r.table_name, 'id', r.row_id)), '[]')
    into revoked from public.sync_revocations r
   where r.id::text in (select ids[i] from generate_subscripts(ids, 1) i where i <= take and ords[i] = 0);

  return jsonb_build_object('cursor', next_cursor, 'after', next_after, 'has_more', more,
    'epoch', (select m.value from public.sync_meta m where m.key = 'epoch'),
    'changes', changes, 'revoked', revoked);
end
$_$;

REVOKE ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) TO authenticated;
GRANT ALL ON FUNCTION public.sync_pull(p_since bigint, p_limit integer, p_after text) TO service_role;
