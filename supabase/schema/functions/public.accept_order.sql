-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb DEFAULT NULL::jsonb, p_reason text DEFAULT NULL::text) RETURNS public.orders
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  o public.orders := private.supplied_order(p_order_id);
  e jsonb;
  lid uuid;
  q numeric;
  ln public.order_lines;
  wanted jsonb := '{}';
  lowered boolean := false;
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'accepted', '接单');
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) = 'null' then
    p_lines := null;
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) <> 'array' then
    raise exception 'p_lines must be a list of {"id": order line, "quantity": accepted}'
      using errcode = '22023', detail = '订单行格式无效';
  end if;
  for e in select value from jsonb_array_elements(coalesce(p_lines, '[]')) loop
    if jsonb_typeof(e) <> 'object' or coalesce(jsonb_typeof(e -> 'id'), '') <> 'string'
       or coalesce(jsonb_typeof(e -> 'quantity'), '') <> 'number' then
      raise exception 'each line needs an "id" and a numeric "quantity" (got %)', left(e::text, 100)
        using errcode = '22023', detail = '每一行都须有订单行编号和数量';
    end if;
    begin
      lid := (e ->> 'id')::uuid;
    exception when invalid_text_representation then
      raise exception 'line % is not a line of this order', e ->> 'id'
        using errcode = '22023', detail = '该订单中没有这一行';
    end;
    q := (e ->> 'quantity')::numeric;
    select * into ln from public.order_lines l
     where l.id = lid and l.order_id = o.id and l.deleted_at is null;
    if not found then
      raise exception 'line % is not a line of this order', lid
        using errcode = '22023', detail = '该订单中没有这一行';
    end if;
    if wanted ? lid::text then
      raise exception 'line % is given twice', lid using errcode = '22023', detail = '同一订单行出现了两次';
    end if;
    if q < 0 then
      raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
    end if;
    if q <> trunc(q) then
      raise exception 'the quantity must be whole boxes, no fractions' using errcode = '22023',
        detail = '数量须为整箱数，不能有小数';
    end if;
    if q > ln.quantity then
      raise exception 'an accepted quantity cannot be above the ordered % (line %)', ln.quantity, lid
        using errcode = '22023', detail = format('接单数量不能超过订购数量 %s', ln.quantity);
    end if;
    lowered := lowered or q < ln.quantity;
    wanted := wanted || jsonb_build_object(lid::text, q);
  end loop;
  reason := private.order_reason(p_reason, lowered,
    'lowering a quantity needs a reason', '减少数量时必须填写原因');
  if not exists (select from public.order_lines l
                  where l.order_id = o.id and l.deleted_at is null
                    and coalesce((wanted ->> l.id::text)::numeric, l.quantity) > 0) then
    raise exception 'nothing would be shipped: reject the order instead' using errcode = '22023',
      detail = '所有数量都为零，请改为拒单';
  end if;
  update public.order_lines l
     set accepted_quantity = coalesce((wanted ->> l.id::text)::numeric, l.quantity)
   where l.order_id = o.id and l.deleted_at is null;
  update public.orders
     set status = 'accepted', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

REVOKE ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.accept_order(p_order_id uuid, p_lines jsonb, p_reason text) TO service_role;
