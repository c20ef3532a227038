-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date DEFAULT NULL::date) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  today date := private.company_today();
  day date := coalesce(p_shipped_on, today);
begin
  if o.status <> 'accepted' then
    perform private.order_state_error(o, 'accepted', 'shipped', '发货');
  end if;
  if day > today then
    raise exception 'the shipping date % is in the future', day using errcode = '22023',
      detail = '发货日期不能晚于今天';
  end if;
  if day < o.ordered_on then
    raise exception 'the shipping date % is before the order date %', day, o.ordered_on
      using errcode = '22023', detail = '发货日期不能早于下单日期';
  end if;
  perform private.ensure_shipment_months(day, day);
  insert into public.shipments (doc_no, line_no, customer_id, seller_id, product_id, shipped_on,
                                quantity, unit_price, amount)
  select 'ORD-' || replace(o.id::text, '-', ''),
         row_number() over (order by p.sku, l.id), o.customer_id, o.supplier_id, l.product_id,
         day, l.accepted_quantity, l.unit_price, round(l.accepted_quantity * l.unit_price, 2)
    from public.order_lines l join public.products p on p.id = l.product_id
   where l.order_id = o.id and l.deleted_at is null and l.accepted_quantity > 0;
  update public.orders
     set status = 'shipped', shipped_on = day, shipped_at = now(), shipped_by = (select auth.uid())
   where id = o.id
  returning * into o;
  perform private.reevaluate_warnings(array[o.customer_id], today);
  return o;
end
$$;

REVOKE ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) TO authenticated;
GRANT ALL ON FUNCTION public.ship_order(p_order_id uuid, p_shipped_on date) TO service_role;
