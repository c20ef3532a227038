-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_keys_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  truncate private.shipment_keys;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_keys_truncate() FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_keys_truncate() TO authenticated;
GRANT ALL ON FUNCTION private.shipment_keys_truncate() TO service_role;
