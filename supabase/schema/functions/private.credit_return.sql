-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases;
begin
  select * into c from public.cases x where x.id = p_case_id;
  insert into public.returns (reference, customer_id, shipment_id, product_id, kind, quantity,
                              amount, reason, status, requested_on, decided_on, case_id)
  select 'RC-' || replace(c.id::text, '-', '') || '-'
           || row_number() over (order by s.doc_no, s.line_no, l.id),
         c.customer_id, l.shipment_id, s.product_id, 'return', l.quantity,
         round(l.quantity * s.unit_price, 2), left(c.detail, 4000), 'accepted',
         coalesce(p_requested_on, p_day), p_day, c.id
    from public.case_lines l join public.shipments s on s.id = l.shipment_id
   where l.case_id = c.id and l.deleted_at is null and l.quantity > 0;
  perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
end
$$;

REVOKE ALL ON FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.credit_return(p_case_id uuid, p_requested_on date, p_day date) TO service_role;
