-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.reject_order(p_order_id uuid, p_reason text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'rejected', '拒单');
  end if;
  reason := private.order_reason(p_reason, true, 'rejecting an order needs a reason',
                                 '拒单时必须填写原因');
  update public.orders
     set status = 'rejected', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

REVOKE ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.reject_order(p_order_id uuid, p_reason text) TO service_role;
