-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'this order is %: only a % order can be %', o.status, p_wanted, p_step_en
    using errcode = '55000',
    detail = format('该订单当前为「%s」，只有「%s」的订单可以%s',
      case o.status when 'draft' then '草稿' when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'rejected' then '已拒单' when 'shipped' then '已发货' when 'received' then '已收货'
        else '已取消' end,
      case p_wanted when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'shipped' then '已发货' else '草稿或待接单' end,
      p_step_zh);
end
$$;

REVOKE ALL ON FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.order_state_error(o public.orders, p_wanted text, p_step_en text, p_step_zh text) TO authenticated;
