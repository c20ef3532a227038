-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
  l record;
  delivered numeric;
  used numeric;
  today date := private.company_today();
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager approves a request outside its window',
                         '只有销售经理可以审批超期的退换货申请');
  end if;
  if c.status <> 'awaiting_approval' then
    raise exception 'this case is not waiting for approval (it is %)', c.status
      using errcode = '55000', detail = '该售后单不在待审批状态';
  end if;
  if c.opened_by = (select auth.uid()) then
    perform private.deny('you cannot approve or refuse a request you raised yourself',
                         '不能审批自己提交的申请');
  end if;
  if p_approved is null then
    raise exception 'p_approved is required (true approves, false refuses)' using errcode = '22023',
      detail = '请选择批准或拒绝';
  end if;
  if length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception 'a decision needs a reason' using errcode = '22023', detail = '审批须填写理由';
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '理由不能超过4000字';
  end if;
  if p_approved and c.kind in ('return', 'exchange') then
    -- what was returned by hand since the request still counts
    for l in select cl.shipment_id, cl.quantity, s.doc_no, s.line_no
               from public.case_lines cl join public.shipments s on s.id = cl.shipment_id
              where cl.case_id = c.id and cl.deleted_at is null order by s.doc_no, s.line_no loop
      select r.delivered, r.used into delivered, used from private.shipment_returnable(l.shipment_id, c.id) r;
      if l.quantity > delivered - used then
        raise exception 'delivery % line %: only % left to return or exchange, the request asks %',
          l.doc_no, l.line_no, greatest(delivered - used, 0), l.quantity using errcode = '22023',
          detail = format('到货单%s第%s行：可退换数量只剩%s箱', l.doc_no, l.line_no, greatest(delivered - used, 0));
      end if;
    end loop;
  end if;
  update public.cases
     set status = case when p_approved then 'in_progress' else 'rejected' end,
         decision = btrim(p_reason), decided_by = (select auth.uid()), decided_at = now(),
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', btrim(p_reason), was, c.status,
          case when p_approved then 'approved' else 'refused' end, today);
  if p_approved and c.kind = 'return' then
    perform private.credit_return(c.id,
      (select r.requested_on from public.case_requests r where r.id = c.id), today);
  end if;
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.case_approve(p_case_id uuid, p_approved boolean, p_reason text) TO service_role;
