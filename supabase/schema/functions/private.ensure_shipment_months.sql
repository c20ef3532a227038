-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.ensure_shipment_months(p_from date, p_to date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  m date;
  next_m date;
  part text;
  made integer := 0;
  t regclass;
begin
  if p_from is null or p_to is null then
    return 0;
  end if;
  if p_to < p_from or p_to - p_from > 366 * 30 then
    raise exception 'shipment months from % to %: not a range of at most 30 years', p_from, p_to
      using errcode = '22023', detail = format('发货月份范围无效：%s 至 %s（最多30年）', p_from, p_to);
  end if;
  m := date_trunc('month', p_from)::date;
  while m <= p_to loop
    next_m := (m + interval '1 month')::date;
    part := 'shipments_' || to_char(m, 'YYYY_MM');
    if to_regclass(format('shipment_months.%I', part)) is null then
      -- one maker per month at a time; the second finds it made
      perform pg_catalog.pg_advisory_xact_lock(727011, pg_catalog.hashtext(part));
    end if;
    if to_regclass(format('shipment_months.%I', part)) is null then
      t := private.shipment_month_table(m);
      if exists (select from shipment_months.shipments_default d
                  where d.shipped_on >= m and d.shipped_on < next_m) then
        -- the month's rows waiting in the default partition move, unchanged and without
        -- triggers: the default is detached meanwhile
        alter table public.shipments detach partition shipment_months.shipments_default;
        execute format('insert into %s select * from shipment_months.shipments_default d'
                       ' where d.shipped_on >= $1 and d.shipped_on < $2', t) using m, next_m;
        delete from shipment_months.shipments_default d
         where d.shipped_on >= m and d.shipped_on < next_m;
        perform private.shipment_month_attach(m);
        alter table public.shipments attach partition shipment_months.shipments_default default;
      else
        perform private.shipment_month_attach(m);
      end if;
      made := made + 1;
    end if;
    m := next_m;
  end loop;
  return made;
end
$_$;

REVOKE ALL ON FUNCTION private.ensure_shipment_months(p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ensure_shipment_months(p_from date, p_to date) TO service_role;
