-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text DEFAULT NULL::text, p_planned_support text DEFAULT NULL::text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  v_role text;
  m0 date;
  l jsonb;
  v_sku text;
  q numeric;
  amt numeric;
  pr public.products;
  n integer := 0;
  seen text[] := '{}';
  todo jsonb := '[]';
begin
  perform private.require_caller();
  v_role := (select private.my_role());
  if v_role not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers enter sales plans',
                         '只有区域经理和销售经理可以录入销售计划');
  end if;
  if p_month is null or p_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
    raise exception 'p_month must look like 2026-12' using errcode = '22023',
      detail = '月份格式应为“年-月”，例如 2026-12';
  end if;
  m0 := (p_month || '-01')::date;
  if extract(year from m0) not between 2000 and 2100 then
    raise exception 'p_month must be between 2000 and 2100' using errcode = '22023',
      detail = '年份须在2000到2100之间';
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c
       where c.id = p_customer_id and c.deleted_at is null and c.tier = 1
         and ((select private.is_manager())
              or c.id in (select private.staff_customer_ids()))) then
    raise exception 'dealer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该经销商（或不在您的区域）';
  end if;
  if length(coalesce(p_schedule, '')) > 2000 or length(coalesce(p_planned_support, '')) > 2000 then
    raise exception 'the schedule or support is too long' using errcode = '22023',
      detail = '进度安排和支持计划不能超过2000字';
  end if;
  if p_lines is null or jsonb_typeof(p_lines) <> 'array' or jsonb_array_length(p_lines) = 0 then
    raise exception 'p_lines must be a non-empty array' using errcode = '22023',
      detail = '请至少填写一个产品的计划';
  end if;
  if jsonb_array_length(p_lines) > 500 then
    raise exception 'at most 500 lines at once' using errcode = '22023',
      detail = '一次最多录入500行';
  end if;
  for l in select value from jsonb_array_elements(p_lines) loop
    v_sku := left(btrim(coalesce(l ->> 'sku', '')), 200);
    select * into pr from public.products p where p.sku = v_sku and p.deleted_at is null;
    if not found then
      raise exception 'no product with SKU "%"', v_sku using errcode = '22023',
        detail = format('找不到产品编码「%s」', v_sku);
    end if;
    if v_sku = any(seen) then
      raise exception 'SKU % appears twice', v_sku using errcode = '22023',
        detail = format('产品「%s」重复', pr.name);
    end if;
    seen := seen || v_sku;
    begin
      q := nullif(btrim(l ->> 'quantity'), '')::numeric;
      amt := nullif(btrim(l ->> 'amount'), '')::numeric;
    exception when invalid_text_representation or numeric_value_out_of_range then
      raise exception 'the quantity and amount of % must be numbers', v_sku using errcode = '22023',
        detail = format('「%s」的数量和金额须为数字', pr.name);
    end;
    if q is null or q < 0 or q > 1000000 or q <> trunc(q) then
      raise exception 'the quantity of % must be whole boxes from 0 to 1,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划数量须为0到1,000,000之间的整箱数', pr.name);
    end if;
    amt := coalesce(amt, round(q * pr.unit_price, 2));
    if amt < 0 or amt > 1000000000 then
      raise exception 'the amount of % must be from 0 to 1,000,000,000', v_sku
        using errcode = '22023',
        detail = format('「%s」的计划金额须在0到1,000,000,000元之间', pr.name);
    end if;
    todo := todo || jsonb_build_object('product_id', pr.id, 'quantity', q, 'amount', amt);
  end loop;
  for l in select value from jsonb_array_elements(todo) loop
    insert into public.sales_plans as sp (customer_id, product_id, month, quantity, amount,
                                          schedule, planned_support)
    values (p_customer_id, (l ->> 'product_id')::uuid, m0, (l ->> 'quantity')::numeric,
            round((l ->> 'amount')::numeric, 2), nullif(btrim(p_schedule), ''),
            nullif(btrim(p_planned_support), ''))
    on conflict (customer_id, product_id, month) do update
       set quantity = excluded.quantity, amount = excluded.amount,
           schedule = coalesce(excluded.schedule, sp.schedule),
           planned_support = coalesce(excluded.planned_support, sp.planned_support),
           deleted_at = null, updated_at = now();
    n := n + 1;
  end loop;
  return n;
end
$_$;

REVOKE ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) TO authenticated;
GRANT ALL ON FUNCTION public.set_sales_plans(p_customer_id uuid, p_month text, p_lines jsonb, p_schedule text, p_planned_support text) TO service_role;
