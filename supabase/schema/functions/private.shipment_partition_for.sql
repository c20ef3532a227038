-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_partition_for(p_day date) RETURNS regclass
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  return coalesce(
    to_regclass(format('shipment_months.%I', 'shipments_' || to_char(p_day, 'YYYY_MM'))),
    to_regclass('shipment_months.shipments_default'));
end
$$;

REVOKE ALL ON FUNCTION private.shipment_partition_for(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_partition_for(p_day date) TO authenticated;
GRANT ALL ON FUNCTION private.shipment_partition_for(p_day date) TO service_role;
