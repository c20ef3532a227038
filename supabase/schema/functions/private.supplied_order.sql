-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.supplied_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  role text := (select private.my_role());
  o public.orders;
begin
  perform private.require_caller();
  if role is distinct from 'dealer' and role is distinct from 'manager' then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or (role = 'dealer' and o.supplier_id is distinct from (select private.my_customer_id())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  if role = 'manager' and o.supplier_id is not null then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  return o;
end
$$;

REVOKE ALL ON FUNCTION private.supplied_order(p_order_id uuid) FROM PUBLIC;
