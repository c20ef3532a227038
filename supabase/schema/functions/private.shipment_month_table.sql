-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_month_table(p_month date) RETURNS regclass
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  m date := date_trunc('month', p_month)::date;
  part text := 'shipments_' || to_char(m, 'YYYY_MM');
begin
  execute format('create table shipment_months.%I (like public.shipments including defaults'
                 ' including constraints)', part);
  execute format('alter table shipment_months.%I add constraint %I check (shipped_on >= %L'
                 ' and shipped_on < %L)', part, part || '_bounds', m, (m + interval '1 month')::date);
  execute format('alter table shipment_months.%I enable row level security', part);
  if (select c.relforcerowsecurity from pg_catalog.pg_class c
       where c.oid = 'public.shipments'::regclass) then
    execute format('alter table shipment_months.%I force row level security', part);
  end if;
  execute format('revoke all on shipment_months.%I from public, anon, authenticated', part);
  return format('shipment_months.%I', part)::regclass;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_month_table(p_month date) FROM PUBLIC;
