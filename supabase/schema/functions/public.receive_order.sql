-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.receive_order(p_order_id uuid) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  o public.orders := private.staff_order(p_order_id);
begin
  if o.status <> 'shipped' then
    perform private.order_state_error(o, 'shipped', 'received', '确认收货');
  end if;
  update public.orders
     set status = 'received', received_at = now(), received_by = (select auth.uid())
   where id = o.id
  returning * into o;
  return o;
end
$$;

REVOKE ALL ON FUNCTION public.receive_order(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receive_order(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.receive_order(p_order_id uuid) TO service_role;
