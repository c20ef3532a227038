-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_months_prepare(p_months date[], OUT loader regclass, OUT months date[]) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  m date;
  part text;
  t regclass;
  has_rows boolean;
begin
  months := '{}';
  for m in select distinct date_trunc('month', x)::date from unnest(p_months) x
            where x is not null order by 1 loop
    part := 'shipments_' || to_char(m, 'YYYY_MM');
    perform pg_catalog.pg_advisory_xact_lock(727011, pg_catalog.hashtext(part));
    t := to_regclass(format('shipment_months.%I', part));
    if t is not null then
      if not exists (select from pg_catalog.pg_inherits i
                      where i.inhrelid = t and i.inhparent = 'public.shipments'::regclass) then
        continue;  -- a table of this transaction's own making
      end if;
      execute format('select exists (select from %s)', t) into has_rows;
      if has_rows then
        continue;
      end if;
      execute format('alter table public.shipments detach partition %s', t);
      execute format('drop table %s', t);
    end if;
    if exists (select from shipment_months.shipments_default d
                where d.shipped_on >= m and d.shipped_on < (m + interval '1 month')::date) then
      continue;
    end if;
    if loader is null then
      execute format('create table shipment_months.%I (like public.shipments including defaults)'
                     ' partition by range (shipped_on)', 'shipments_loading_' || pg_backend_pid());
      loader := format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())::regclass;
      execute format('alter table %s alter column txid set default %L::xid8', loader,
                     private.sync_register());
    end if;
    execute format('alter table %s attach partition %s for values from (%L) to (%L)', loader,
                   private.shipment_month_table(m), m, (m + interval '1 month')::date);
    months := months || m;
  end loop;
end
$$;

REVOKE ALL ON FUNCTION private.shipment_months_prepare(p_months date[], OUT loader regclass, OUT months date[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_months_prepare(p_months date[], OUT loader regclass, OUT months date[]) TO service_role;
