-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.overdue_deliveries(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, customer_name text, doc_no text, shipped_on date, days_since integer, days_overdue integer, line_count integer, amount numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
begin
  perform private.require_staff();
  return query
  select s.customer_id, min(c.name), s.doc_no, min(s.shipped_on),
         (as_of - min(s.shipped_on))::integer, (as_of - min(s.shipped_on) - days)::integer,
         count(*)::integer, sum(s.amount)
    from public.shipments s join public.customers c on c.id = s.customer_id
   where s.seller_id is null and s.deleted_at is null and s.confirmed_at is null
     and s.shipped_on < as_of - days and s.shipped_on >= v_from
   group by s.customer_id, s.doc_no
   order by min(s.shipped_on), s.doc_no;
end
$$;

REVOKE ALL ON FUNCTION public.overdue_deliveries(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.overdue_deliveries(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.overdue_deliveries(p_as_of date) TO service_role;
