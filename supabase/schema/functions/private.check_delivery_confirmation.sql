-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_delivery_confirmation() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  mine uuid := (select private.my_customer_id());
  s record;
  l jsonb;
  given jsonb := '{}';
  k text;
  key text;
  v numeric;
  recv numeric;
  dmg numeric;
  miss numeric;
  result jsonb := '[]';
  customers uuid[];
begin
  if api and mine is null then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if new.doc_no is null or length(btrim(new.doc_no)) = 0 then
    raise exception 'the delivery (doc_no) is required' using errcode = '22023', detail = '缺少到货单号';
  end if;
  select array_agg(distinct sh.customer_id) into customers from public.shipments sh
   where sh.doc_no = new.doc_no and sh.deleted_at is null and (not api or sh.customer_id = mine);
  if customers is null then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  if cardinality(customers) > 1 or (new.customer_id is not null and new.customer_id <> customers[1]) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;
  new.customer_id := customers[1];
  -- one confirmation at a time per delivery: a second one waits here, then sees the first
  perform 1 from public.shipments sh where sh.doc_no = new.doc_no and sh.deleted_at is null
    for update;
  if exists (select from public.delivery_confirmations d where d.doc_no = new.doc_no)
     or exists (select from public.shipments sh where sh.doc_no = new.doc_no
                   and sh.deleted_at is null and sh.confirmed_at is not null) then
    raise exception 'delivery % was already confirmed', new.doc_no using errcode = '55000',
      detail = '该到货单已确认收货，不能重复确认';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {shipment_id, received, damaged, missing}'
      using errcode = '22023', detail = '到货明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 1000 then
    raise exception 'at most 1000 lines per delivery' using errcode = '22023',
      detail = '每张到货单最多1000行';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    if jsonb_typeof(l) <> 'object' or coalesce(jsonb_typeof(l -> 'shipment_id'), '') <> 'string' then
      raise exception 'every line needs its shipment_id' using errcode = '22023',
        detail = '每行都必须有发货明细编号';
    end if;
    key := l ->> 'shipment_id';
    if given ? key then
      raise exception 'line % is given twice', key using errcode = '22023', detail = '同一行重复填写';
    end if;
    foreach k in array array['received', 'damaged', 'missing'] loop
      if l ? k and jsonb_typeof(l -> k) not in ('number', 'null') then
        raise exception '% must be a number (line %)', k, key using errcode = '22023',
          detail = '数量必须是数字';
      end if;
      v := (l ->> k)::numeric;
      if v < 0 then
        raise exception 'quantities cannot be negative (% %)', k, v using errcode = '22023',
          detail = '数量不能为负数';
      end if;
      if v <> trunc(v) or v > 1000000 then
        raise exception 'quantities are whole boxes from 0 to 1,000,000 (% %)', k, v
          using errcode = '22023', detail = '数量须为0到1,000,000之间的整箱数，不能有小数';
      end if;
    end loop;
    given := given || jsonb_build_object(key, l);
  end loop;
  if exists (select from jsonb_object_keys(given) g
              where not exists (select from public.shipments sh
                                 where sh.id::text = g and sh.doc_no = new.doc_no
                                   and sh.deleted_at is null)) then
    raise exception 'a line is not part of delivery %', new.doc_no using errcode = '22023',
      detail = '明细不属于该到货单';
  end if;

  for s in select sh.id, sh.line_no, sh.product_id, sh.quantity from public.shipments sh
            where sh.doc_no = new.doc_no and sh.deleted_at is null order by sh.line_no loop
    l := coalesce(given -> s.id::text, '{}');
    recv := (l ->> 'received')::numeric;
    miss := (l ->> 'missing')::numeric;
    dmg := coalesce((l ->> 'damaged')::numeric, 0);
    if recv is null then
      recv := s.quantity - coalesce(miss, 0);
    end if;
    if miss is null then
      miss := s.quantity - recv;
    end if;
    if dmg + miss > s.quantity then
      raise exception 'line %: damaged (%) and missing (%) together exceed the shipped quantity (%)',
        s.line_no, dmg, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：破损数量加短少数量不能超过发货数量', s.line_no);
    end if;
    if recv + miss <> s.quantity or miss < 0 then
      raise exception 'line %: received (%) plus missing (%) must equal the shipped quantity (%)',
        s.line_no, recv, miss, s.quantity using errcode = '22023',
        detail = format('第%s行：实收数量加短少数量必须等于发货数量', s.line_no);
    end if;
    result := result || jsonb_build_object('shipment_id', s.id, 'line_no', s.line_no,
      'product_id', s.product_id, 'shipped', s.quantity, 'received', recv, 'damaged', dmg,
      'missing', miss);
  end loop;
  new.lines := result;
  new.note := nullif(btrim(new.note), '');
  new.confirmed_at := least(coalesce(new.confirmed_at, now()), now());
  if api then
    new.confirmed_by := (select auth.uid());
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_delivery_confirmation() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_delivery_confirmation() TO authenticated;
GRANT ALL ON FUNCTION private.check_delivery_confirmation() TO service_role;
