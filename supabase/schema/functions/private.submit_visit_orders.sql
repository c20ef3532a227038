-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.submit_visit_orders() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.orders o
     set status = 'submitted', submitted_at = now(),
         supplier_id = private.order_supplier(o.customer_id),
         ship_to_name = c.name, ship_to_address = c.address, ship_to_contact = c.contact_name,
         ship_to_phone = c.phone
    from public.customers c, checked_out n, was w
   where w.id = n.id and w.checkout_at is null and n.checkout_at is not null
     and c.id = o.customer_id
     and o.visit_id = n.id and o.status = 'draft' and o.deleted_at is null
     and exists (select from public.order_lines l where l.order_id = o.id and l.deleted_at is null);
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.submit_visit_orders() FROM PUBLIC;
