-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  cust public.customers;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'area_manager' then
    perform private.deny('only an area manager requests to eliminate a customer',
                         '只有区域经理可以申请淘汰客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  select * into cust from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and c.id in (select private.staff_customer_ids())
     for update;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform private.elimination_check_text(p_reason, true, 'reason', '淘汰理由');
  if cust.status = 'eliminated' then
    raise exception 'the customer is already eliminated' using errcode = '55000',
      detail = '该客户已经淘汰';
  end if;
  if exists (select from public.customer_eliminations e
              where e.customer_id = p_customer_id and e.status = 'requested') then
    raise exception 'the customer already has an open elimination request' using
      errcode = '55000', detail = '该客户已有待审批的淘汰申请';
  end if;
  insert into public.customer_eliminations (customer_id, reason, requested_by, requested_at)
  values (p_customer_id, btrim(p_reason), who, private.company_now())
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.request_elimination(p_customer_id uuid, p_reason text) TO service_role;
