-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_case_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  goods boolean;
  l jsonb;
  i integer := 0;
  k text;
  sid uuid;
  pid uuid;
  q numeric;
  s record;
  doc text;
  line_no integer;
  seen jsonb := '{}';
  key text;
  delivered numeric;
  used numeric;
  result jsonb := '[]';
begin
  if api then
    perform private.require_caller();
    new.customer_id := coalesce(new.customer_id, (select private.my_customer_id()));
  end if;
  if new.customer_id is null then
    raise exception 'customer_id is required' using errcode = '22023', detail = '缺少客户';
  end if;
  if new.kind is null or new.kind not in ('return', 'exchange', 'repair', 'packaging_exchange', 'complaint') then
    raise exception 'kind must be return, exchange, repair, packaging_exchange or complaint (got %)',
      coalesce(new.kind, 'nothing') using errcode = '22023',
      detail = '类型必须是退货、换货、维修、调换包装或投诉';
  end if;
  goods := new.kind <> 'complaint';
  new.severity := coalesce(new.severity, 'medium');
  if new.severity not in ('low', 'medium', 'high') then
    raise exception 'severity must be low, medium or high (got %)', new.severity
      using errcode = '22023', detail = '严重程度必须是低、中或高';
  end if;
  new.reason := btrim(new.reason);
  if length(coalesce(new.reason, '')) = 0 then
    raise exception 'a reason is required' using errcode = '22023', detail = '请填写原因';
  end if;
  if char_length(new.reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  new.photo_ids := coalesce(new.photo_ids, '{}');
  if cardinality(new.photo_ids) > 20 or array_position(new.photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023', detail = '最多20张照片';
  end if;
  new.doc_no := nullif(btrim(new.doc_no), '');
  if new.doc_no is null and new.kind in ('return', 'exchange') then
    raise exception 'a % needs the delivery it came from (doc_no)', new.kind
      using errcode = '22023', detail = '退换货必须填写到货单号';
  end if;
  if new.doc_no is not null and not exists (
      select from public.shipments sh
       where sh.doc_no = new.doc_no and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {"shipment_id", "quantity"}' using errcode = '22023',
      detail = '明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 100 then
    raise exception 'at most 100 lines per request' using errcode = '22023', detail = '每张申请最多100行';
  end if;
  if goods and jsonb_array_length(new.lines) = 0 then
    raise exception 'a % needs at least one line {"shipment_id", "quantity"}', new.kind
      using errcode = '22023', detail = '请至少填写一行商品及数量';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    i := i + 1;
    if jsonb_typeof(l) <> 'object' then
      raise exception 'lines[%] must be an object {"shipment_id", "quantity"}', i
        using errcode = '22023', detail = format('第%s行格式无效', i);
    end if;
    for k in select jsonb_object_keys(l) loop
      if k not in ('shipment_id', 'product_id', 'quantity') then
        raise exception 'lines[%]: unknown field "%"', i, left(k, 40) using errcode = '22023',
          detail = format('第%s行：无法识别的字段', i);
      end if;
    end loop;
    sid := null;
    pid := null;
    doc := null;
    line_no := null;
    begin
      if jsonb_typeof(l -> 'shipment_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      sid := (l ->> 'shipment_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].shipment_id is not an id', i using errcode = '22023',
        detail = format('第%s行：发货明细编号无效', i);
    end;
    begin
      if jsonb_typeof(l -> 'product_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      pid := (l ->> 'product_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].product_id is not an id', i using errcode = '22023',
        detail = format('第%s行：产品编号无效', i);
    end;
    if goods and sid is null then
      raise exception 'lines[%].shipment_id is required (the delivery line the goods came in)', i
        using errcode = '22023', detail = format('第%s行：请选择到货明细', i);
    end if;
    if sid is null and pid is null then
      raise exception 'lines[%] needs a shipment_id or a product_id', i using errcode = '22023',
        detail = format('第%s行：请选择到货明细或产品', i);
    end if;
    q := null;
    if l -> 'quantity' is not null and jsonb_typeof(l -> 'quantity') <> 'null' then
      if jsonb_typeof(l -> 'quantity') <> 'number' then
        raise exception 'lines[%].quantity must be a number (got %)', i, left((l -> 'quantity')::text, 40)
          using errcode = '22023', detail = format('第%s行：数量必须是数字', i);
      end if;
      q := (l ->> 'quantity')::numeric;
      if q < 1 or q <> trunc(q) or q > 1000000 then
        raise exception 'lines[%].quantity must be a whole number of boxes from 1 to 1,000,000 (got %)', i, q
          using errcode = '22023', detail = format('第%s行：数量必须是1到1,000,000之间的整箱数', i);
      end if;
    elsif goods then
      raise exception 'lines[%].quantity is required', i using errcode = '22023',
        detail = format('第%s行：请填写数量', i);
    end if;
    if sid is not null then
      -- the caller's rights: another customer's or an unknown shipment is not found
      select sh.id, sh.doc_no, sh.line_no, sh.product_id into s from public.shipments sh
       where sh.id = sid and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null;
      if not found then
        raise exception 'lines[%]: shipment % not found', i, sid using errcode = 'P0002',
          detail = format('第%s行：找不到该到货明细', i);
      end if;
      if new.doc_no is not null and s.doc_no <> new.doc_no then
        raise exception 'lines[%]: shipment % is not part of delivery %', i, sid, new.doc_no
          using errcode = '22023', detail = format('第%s行：该明细不属于到货单%s', i, new.doc_no);
      end if;
      if pid is not null and pid <> s.product_id then
        raise exception 'lines[%].product_id is not the product of its shipment', i
          using errcode = '22023', detail = format('第%s行：产品与到货明细不符', i);
      end if;
      pid := s.product_id;
      doc := s.doc_no;
      line_no := s.line_no;
      key := 's:' || sid;
    else
      if not exists (select from public.products p where p.id = pid) then
        raise exception 'lines[%]: product % not found', i, pid using errcode = 'P0002',
          detail = format('第%s行：找不到该产品', i);
      end if;
      key := 'p:' || pid;
    end if;
    if seen ? key then
      raise exception 'lines[%] repeats lines[%]', i, seen ->> key using errcode = '22023',
        detail = format('第%s行与第%s行重复', i, seen ->> key);
    end if;
    seen := seen || jsonb_build_object(key, i);
    if goods then
      select r.delivered, r.used into delivered, used from private.shipment_returnable(sid) r;
      if new.kind in ('return', 'exchange') and q > delivered - used then
        raise exception 'lines[%].quantity %: only % left to return or exchange on delivery % line % (delivered %, already returned, exchanged or requested %)',
          i, q, greatest(delivered - used, 0), doc, line_no, delivered, used
          using errcode = '22023',
          detail = format('第%s行：可退换数量只剩%s箱（到货%s箱，已退换或申请中%s箱）', i,
                          greatest(delivered - used, 0), delivered, used);
      end if;
      if new.kind in ('repair', 'packaging_exchange') and q > delivered then
        raise exception 'lines[%].quantity % is more than the % delivered on delivery % line %',
          i, q, delivered, doc, line_no using errcode = '22023',
          detail = format('第%s行：数量不能超过到货数量%s箱', i, delivered);
      end if;
    end if;
    result := result || jsonb_build_object('shipment_id', sid, 'product_id', pid,
      'quantity', coalesce(q, 0), 'doc_no', doc, 'line_no', line_no);
  end loop;
  new.lines := result;
  if private.case_id_taken(new.id) then
    perform private.refuse_unseen('case_requests');
  end if;
  if api then
    new.requested_at := now();
    new.requested_on := private.company_today();
    new.requested_by := (select auth.uid());
  else
    new.requested_at := least(coalesce(new.requested_at, now()), now());
    new.requested_on := coalesce(new.requested_on, private.company_today());
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_case_request() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_case_request() TO authenticated;
GRANT ALL ON FUNCTION private.check_case_request() TO service_role;
