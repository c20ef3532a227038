-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_move_arrive() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  moving text := coalesce(pg_catalog.current_setting('fieldsales.shipment_move', true), '');
begin
  if moving like new.id::text || ':%' then
    new.version := pg_catalog.split_part(moving, ':', 2)::bigint;
    perform pg_catalog.set_config('fieldsales.shipment_move', '', true);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_move_arrive() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_move_arrive() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_move_arrive() TO service_role;
