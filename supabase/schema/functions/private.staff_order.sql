-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.staff_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  o public.orders;
begin
  perform private.require_staff();
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or not ((select private.is_manager())
                       or o.customer_id in (select private.staff_customer_ids())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  return o;
end
$$;

REVOKE ALL ON FUNCTION private.staff_order(p_order_id uuid) FROM PUBLIC;
