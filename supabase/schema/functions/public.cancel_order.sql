-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.cancel_order(p_order_id uuid, p_reason text DEFAULT NULL::text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  o public.orders := private.staff_order(p_order_id);
  reason text;
begin
  if o.status not in ('draft', 'submitted') then
    perform private.order_state_error(o, 'draft or submitted', 'cancelled', '取消');
  end if;
  reason := private.order_reason(p_reason, false, '', '');
  update public.orders
     set status = 'cancelled', cancelled_at = now(), cancelled_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

REVOKE ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.cancel_order(p_order_id uuid, p_reason text) TO service_role;
