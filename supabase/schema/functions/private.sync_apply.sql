-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_apply(m jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  tbl text := m ->> 'table';
  op text := m ->> 'op';
  r jsonb := m -> 'row';
  rid uuid;
  existing jsonb;
  cols text;
  upd_cols text;
  version bigint;
  base bigint;
begin
  if tbl is null or not exists (select from private.sync_tables s where s.name = tbl and s.pushable) then
    raise exception 'table % cannot be written by a phone', coalesce(tbl, '(missing)')
      using errcode = '22023', detail = '该数据不能由手机端写入';
  end if;
  if op is null or op not in ('upsert', 'delete') then
    raise exception 'op must be upsert or delete' using errcode = '22023', detail = '操作类型无效';
  end if;
  if r is null or jsonb_typeof(r) <> 'object' or not (r ? 'id') then
    raise exception 'row must be an object with an id' using errcode = '22023', detail = '缺少记录编号';
  end if;
  rid := (r ->> 'id')::uuid;
  base := (m ->> 'base_version')::bigint;
  execute format('select to_jsonb(x) from public.%I x where x.id = $1', tbl) into existing using rid;

  if op = 'delete' then
    if existing is null then
      raise exception 'row % not found', rid using errcode = 'P0002', detail = '找不到该记录';
    end if;
    execute format('update public.%I set deleted_at = now() where id = $1 returning version', tbl)
      into version using rid;
    if version is null then
      raise exception 'you cannot delete this row' using errcode = '42501', detail = '无权删除该记录';
    end if;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  select string_agg(format('%I', a.attname), ', ' order by a.attnum),
         string_agg(format('%I', a.attname), ', ' order by a.attnum) filter (where a.attname <> 'id')
    into cols, upd_cols
    from pg_attribute a
   where a.attrelid = format('public.%I', tbl)::regclass and a.attnum > 0 and not a.attisdropped
     and a.attname not in ('txid', 'version', 'created_at', 'updated_at')
     and r ? a.attname;

  if existing is null then
    execute format('insert into public.%1$I (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                   ' returning version', tbl, cols)
      into version using r;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  -- an upsert of the id alone writes nothing, so it conflicts with nothing: the phone sends one
  -- to ask whether an insert whose answer was lost reached the server (fieldapp/store/answers.py)
  if upd_cols is null then
    return jsonb_build_object('status', 'applied', 'version', (existing ->> 'version')::bigint);
  end if;
  -- conflict rules (docs/sync.md)
  if tbl = 'customers' and base is not null and base <> (existing ->> 'version')::bigint then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'orders' and existing ->> 'status' <> 'draft' then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'order_lines' and not exists (
      select from public.orders o where o.id = (existing ->> 'order_id')::uuid and o.status = 'draft') then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  execute format('update public.%1$I x set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                 ' where x.id = $2 returning version', tbl, upd_cols)
    into version using r, rid;
  if version is null then
    raise exception 'you cannot change this row' using errcode = '42501', detail = '无权修改该记录';
  end if;
  return jsonb_build_object('status', 'applied', 'version', version);
end
$_$;

REVOKE ALL ON FUNCTION private.sync_apply(m jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_apply(m jsonb) TO authenticated;
