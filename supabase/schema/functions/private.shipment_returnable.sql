-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid DEFAULT NULL::uuid, OUT delivered numeric, OUT used numeric) RETURNS record
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  select case when s.confirmed_at is not null then coalesce(s.received_quantity, s.quantity)
              else s.quantity end
    into delivered from public.shipments s where s.id = p_shipment_id for no key update;
  select coalesce(sum(l.quantity), 0) into used
    from public.case_lines l join public.cases c on c.id = l.case_id
   where l.shipment_id = p_shipment_id and l.deleted_at is null and c.deleted_at is null
     and c.kind in ('return', 'exchange') and c.id is distinct from p_except
     and not private.case_was_rejected(c.id, c.status);
  used := trunc(used + coalesce((select sum(r.quantity) from public.returns r
                            where r.shipment_id = p_shipment_id and r.case_id is null
                              and r.deleted_at is null and r.status in ('accepted', 'completed')
                              and r.kind in ('return', 'exchange')), 0));
  delivered := trunc(delivered);
end
$$;

REVOKE ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) TO authenticated;
GRANT ALL ON FUNCTION private.shipment_returnable(p_shipment_id uuid, p_except uuid, OUT delivered numeric, OUT used numeric) TO service_role;
