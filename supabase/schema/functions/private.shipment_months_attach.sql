-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_months_attach(p_loader regclass) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  lines bigint;
  failed text;
  v_ids uuid[];
  part record;
  aside text[];
begin
  if p_loader is distinct from to_regclass(
       format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())) then
    raise exception 'not a shipment loader of this session: %', p_loader using errcode = '22023',
      detail = format('不是本会话的发货装载表：%s', p_loader);
  end if;
  -- 1 the keys, company-wide: as shipment_keys_apply after an insert (a document line twice
  -- fails the insert, or the unique index's build when the table was empty)
  begin
    aside := private.indexes_set_aside('private.shipment_keys');
    execute format('insert into private.shipment_keys (id, doc_no, line_no)'
                   ' select l.id, l.doc_no, l.line_no from %s l', p_loader);
    get diagnostics lines = row_count;
    perform private.indexes_restore(aside);
  exception when unique_violation then
    get stacked diagnostics failed = constraint_name;
    perform private.shipment_key_taken(failed);
  end;
  -- 2 the purchase summaries: the statements their triggers run after an insert
  aside := private.indexes_set_aside('private.purchase_days');
  execute private.purchase_days_added_sql(p_loader::text, aside is null) into v_ids;
  perform private.indexes_restore(aside);
  perform private.purchase_days_settle(v_ids);
  aside := private.indexes_set_aside('private.purchase_months');
  execute private.purchase_months_added_sql(p_loader::text, aside is null);
  perform private.indexes_restore(aside);
  -- 3 each month from the loader to public.shipments
  for part in select i.inhrelid::regclass as t, c.relname::text as name
                from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
               where i.inhparent = p_loader order by c.relname loop
    execute format('alter table %s detach partition %s', p_loader, part.t);
    perform private.shipment_month_attach(to_date(right(part.name, 7), 'YYYY_MM'));
  end loop;
  execute format('drop table %s', p_loader);
  return lines;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_months_attach(p_loader regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_months_attach(p_loader regclass) TO service_role;
