-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_deliveries(p_as_of date DEFAULT NULL::date) RETURNS TABLE(doc_no text, shipped_on date, days_since integer, overdue boolean, confirmed boolean, awaiting boolean, confirmed_at timestamp with time zone, line_count integer, quantity numeric, amount numeric, case_id uuid, case_status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
  mine uuid;
begin
  perform private.require_caller();
  mine := (select private.my_customer_id());
  if mine is null then
    perform private.deny('only a dealer has deliveries to confirm', '只有经销商可以查看到货单');
  end if;
  return query
  select d.doc_no, d.shipped_on, (as_of - d.shipped_on)::integer,
         d.awaiting and as_of - d.shipped_on > days, d.confirmed, d.awaiting, d.confirmed_at,
         d.line_count, d.quantity, d.amount, k.id, k.status
    from (select s.doc_no, min(s.shipped_on) as shipped_on,
                 bool_and(s.confirmed_at is not null) as confirmed,
                 not bool_and(s.confirmed_at is not null) and min(s.shipped_on) >= v_from as awaiting,
                 max(s.confirmed_at) as confirmed_at, count(*)::integer as line_count,
                 sum(s.quantity) as quantity, sum(s.amount) as amount
            from public.shipments s
           where s.customer_id = mine and s.seller_id is null and s.deleted_at is null
             and s.shipped_on <= as_of
           group by s.doc_no) d
    left join lateral (select c.id, c.status from public.cases c
                        where c.customer_id = mine and c.doc_no = d.doc_no
                          and c.kind = 'delivery_discrepancy' and c.deleted_at is null
                        order by c.opened_at desc limit 1) k on true
   where d.awaiting or d.shipped_on >= as_of - 180 or k.id is not null
   order by d.shipped_on desc, d.doc_no desc;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_deliveries(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_deliveries(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_deliveries(p_as_of date) TO service_role;
