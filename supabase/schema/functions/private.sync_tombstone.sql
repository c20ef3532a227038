-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.sync_tombstone() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
begin
  -- security definer: current_user is the owner here; the API role is in the role setting
  if coalesce(current_setting('role', true), 'none') <> 'authenticated' then
    return old;
  end if;
  if tg_table_name like 'shipments%' and coalesce(current_setting('fieldsales.shipment_move', true), '')
       like (to_jsonb(old) ->> 'id') || ':%' then
    return old;
  end if;
  execute format('update %s set deleted_at = now() where %I::text = $1 and deleted_at is null',
                 coalesce(pg_catalog.pg_partition_root(tg_relid), tg_relid::regclass),
                 case when tg_table_name = 'settings' then 'key' else 'id' end)
    using case when tg_table_name = 'settings' then to_jsonb(old) ->> 'key'
               else to_jsonb(old) ->> 'id' end;
  return null;
end
$_$;

REVOKE ALL ON FUNCTION private.sync_tombstone() FROM PUBLIC;
GRANT ALL ON FUNCTION private.sync_tombstone() TO authenticated;
