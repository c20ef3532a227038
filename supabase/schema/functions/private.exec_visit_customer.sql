-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.exec_visit_customer(p_customer_id uuid) RETURNS public.customers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  cust public.customers;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers plan executive visits',
                         '只有区域经理和销售经理可以安排高层拜访');
  end if;
  if p_customer_id is null then
    raise exception 'customer_id is required' using errcode = '22023',
      detail = '请选择客户（customer_id）';
  end if;
  select * into cust from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and ((select private.my_role()) = 'manager' or c.id in (select private.staff_customer_ids()));
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  return cust;
end
$$;

REVOKE ALL ON FUNCTION private.exec_visit_customer(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.exec_visit_customer(p_customer_id uuid) TO service_role;
