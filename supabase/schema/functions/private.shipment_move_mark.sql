-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_move_mark() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if new.shipped_on is distinct from old.shipped_on
     and private.shipment_partition_for(new.shipped_on) <> tg_relid::regclass then
    perform pg_catalog.set_config('fieldsales.shipment_move', new.id::text || ':' || new.version,
                                  true);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_move_mark() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_move_mark() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_move_mark() TO service_role;
