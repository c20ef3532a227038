-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.elimination_requests(p_customer_id uuid DEFAULT NULL::uuid, p_open_only boolean DEFAULT true) RETURNS TABLE(id uuid, customer_id uuid, customer_code text, customer_name text, area_name text, status text, reason text, requested_by uuid, requested_by_name text, requested_at timestamp with time zone, decided_by_name text, decided_at timestamp with time zone, decision_note text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers see elimination requests',
                         '只有区域经理和销售经理可以查看淘汰申请');
  end if;
  return query
    select e.id, e.customer_id, c.code, c.name, a.name, e.status, e.reason, e.requested_by,
           rp.full_name, e.requested_at, dp.full_name, e.decided_at, e.decision_note
      from public.customer_eliminations e
      join public.customers c on c.id = e.customer_id
      left join public.areas a on a.id = c.area_id
      left join public.profiles rp on rp.id = e.requested_by
      left join public.profiles dp on dp.id = e.decided_by
     where (p_customer_id is null or e.customer_id = p_customer_id)
       and (not coalesce(p_open_only, true) or e.status = 'requested')
       and ((select private.my_role()) = 'manager'
            or e.customer_id in (select private.staff_customer_ids()))
     order by case when p_customer_id is null then e.requested_at end asc,
              e.requested_at desc;
end
$$;

REVOKE ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) TO authenticated;
GRANT ALL ON FUNCTION public.elimination_requests(p_customer_id uuid, p_open_only boolean) TO service_role;
