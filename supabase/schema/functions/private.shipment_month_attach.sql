-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_month_attach(p_month date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  m date := date_trunc('month', p_month)::date;
  part text := 'shipments_' || to_char(m, 'YYYY_MM');
begin
  execute format('alter table public.shipments attach partition shipment_months.%I'
                 ' for values from (%L) to (%L)', part, m, (m + interval '1 month')::date);
  execute format('alter table shipment_months.%I drop constraint %I', part, part || '_bounds');
end
$$;

REVOKE ALL ON FUNCTION private.shipment_month_attach(p_month date) FROM PUBLIC;
