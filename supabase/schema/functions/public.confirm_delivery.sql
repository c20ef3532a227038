-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric DEFAULT 0, p_note text DEFAULT NULL::text) RETURNS public.shipments
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  row public.shipments;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_shipment_id is null or p_received_quantity is null or p_damaged_quantity is null then
    raise exception 'p_shipment_id, p_received_quantity and p_damaged_quantity are required'
      using errcode = '22023', detail = '缺少发货单或数量';
  end if;
  if p_received_quantity < 0 or p_damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '备注不能超过2000字';
  end if;
  select * into row from public.shipments where id = p_shipment_id;
  if not found then
    raise exception 'shipment % not found', p_shipment_id using errcode = 'P0002', detail = '找不到该发货记录';
  end if;
  if p_damaged_quantity > p_received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (p_received_quantity <> row.quantity or p_damaged_quantity > 0)
     and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  update public.shipments
     set received_quantity = p_received_quantity, damaged_quantity = p_damaged_quantity,
         discrepancy_note = nullif(btrim(p_note), '')
   where id = p_shipment_id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.confirm_delivery(p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric, p_note text) TO service_role;
