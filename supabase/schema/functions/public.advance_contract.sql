-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text DEFAULT NULL::text, p_date date DEFAULT NULL::date, p_place text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_row public.contracts;
begin
  perform private.require_caller();
  if (select private.my_role()) not in ('manager', 'area_manager') then
    perform private.deny('only managers and area managers change contracts',
                         '只有销售经理和区域经理可以处理合同');
  end if;
  if p_status is null or p_status not in
      ('draft', 'in_review', 'signed', 'effective', 'expired', 'terminated') then
    raise exception 'p_status must be draft, in_review, signed, effective, expired or terminated'
      using errcode = '22023', detail = '状态只能是草稿、审核中、已签署、生效、已到期或已终止';
  end if;
  if length(coalesce(p_note, '')) > 2000 or length(coalesce(p_place, '')) > 200 then
    raise exception 'the note or place is too long' using errcode = '22023',
      detail = '说明不能超过2000字，地点不能超过200字';
  end if;
  v_row := private.contract_or_raise(p_contract_id);
  if not private.contract_step_allowed(v_row.status, p_status) then
    raise exception 'a contract cannot go from % to %', v_row.status, p_status
      using errcode = '55000', detail = format('合同不能从「%s」变为「%s」', v_row.status, p_status);
  end if;
  if p_status = 'signed' and (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager signs a contract', '只有销售经理可以签署合同');
  end if;
  if p_status = 'terminated' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'terminating a contract needs a note' using errcode = '22023',
      detail = '终止合同须填写原因';
  end if;
  perform set_config('fieldsales.contract_note', coalesce(btrim(p_note), ''), true);
  update public.contracts c
     set status = p_status,
         signed_on = case when p_status = 'signed' then coalesce(p_date, private.company_today())
                          else c.signed_on end,
         signed_place = case when p_status = 'signed' then coalesce(nullif(btrim(p_place), ''),
                               c.signed_place, c.delivery_place) else c.signed_place end,
         effective_on = case when p_status = 'effective'
                             then coalesce(p_date, greatest(c.signed_on, c.term_start), c.signed_on)
                             else c.effective_on end
   where c.id = p_contract_id
  returning * into v_row;
  if not found then
    perform private.deny('only a manager changes a contract', '只有销售经理可以处理合同');
  end if;
  perform set_config('fieldsales.contract_note', '', true);
  return v_row;
end
$$;

REVOKE ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) TO authenticated;
GRANT ALL ON FUNCTION public.advance_contract(p_contract_id uuid, p_status text, p_note text, p_date date, p_place text) TO service_role;
