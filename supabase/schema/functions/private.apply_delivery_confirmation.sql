-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.apply_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  l jsonb;
  bad jsonb;
  shipped numeric := 0;
  short numeric := 0;
  sev text;
  cid uuid;
begin
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  for l in select value from jsonb_array_elements(new.lines) loop
    update public.shipments
       set received_quantity = (l ->> 'received')::numeric,
           damaged_quantity = (l ->> 'damaged')::numeric,
           missing_quantity = (l ->> 'missing')::numeric,
           discrepancy_note = new.note, confirmed_at = new.confirmed_at,
           confirmed_by = new.confirmed_by
     where id = (l ->> 'shipment_id')::uuid;
    shipped := shipped + (l ->> 'shipped')::numeric;
  end loop;
  select coalesce(jsonb_agg(x.value), '[]') into bad from jsonb_array_elements(new.lines) x
   where (x.value ->> 'damaged')::numeric > 0 or (x.value ->> 'missing')::numeric > 0;
  if jsonb_array_length(bad) = 0 then
    return null;
  end if;
  select sum((x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric) into short
    from jsonb_array_elements(bad) x;
  sev := case when short * 5 >= shipped then 'high' else 'medium' end;
  insert into public.cases (kind, customer_id, severity, doc_no, confirmation_id, owner_id, due_at,
                            opened_by, opened_at, title, detail)
  values ('delivery_discrepancy', new.customer_id, sev, new.doc_no, new.id,
          private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)),
          new.confirmed_by, now(), left('到货差异 ' || new.doc_no, 200), new.note)
  returning id into cid;
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity,
                                 shipped_quantity, received_quantity, damaged_quantity,
                                 missing_quantity)
  select cid, new.customer_id, (x.value ->> 'product_id')::uuid, (x.value ->> 'shipment_id')::uuid,
         (x.value ->> 'damaged')::numeric + (x.value ->> 'missing')::numeric,
         (x.value ->> 'shipped')::numeric, (x.value ->> 'received')::numeric,
         (x.value ->> 'damaged')::numeric, (x.value ->> 'missing')::numeric
    from jsonb_array_elements(bad) x;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids,
                                  to_status, owner_id)
  values (cid, new.customer_id, new.confirmed_by, 'opened', new.note,
          case when new.photo_id is null then '{}' else array[new.photo_id] end, 'open',
          (select c.owner_id from public.cases c where c.id = cid));
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.apply_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.apply_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.apply_delivery_confirmation() TO service_role;
