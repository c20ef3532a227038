-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.amend_contract(p_contract_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  v_old public.contracts;
  v_row public.contracts;
  base text;
  no text;
begin
  perform private.require_caller();
  v_old := private.contract_or_raise(p_contract_id);
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager amends contracts', '只有销售经理可以变更合同');
  end if;
  if v_old.status not in ('signed', 'effective') then
    raise exception 'only a signed or effective contract is amended (it is %); edit the draft',
      v_old.status using errcode = '55000', detail = '只有已签署或生效的合同需要变更；草稿可直接修改';
  end if;
  if exists (select from public.contracts c where c.previous_id = v_old.id and c.deleted_at is null
             and c.status in ('draft', 'in_review', 'signed')) then
    raise exception 'contract % already has an open amendment', v_old.contract_no
      using errcode = '55000', detail = '该合同已有未完成的变更版本';
  end if;
  base := left(regexp_replace(v_old.contract_no, '-V[0-9]+$', ''), 34);
  no := format('%s-V%s', base, v_old.version + 1);
  insert into public.contracts
  select (jsonb_populate_record(v_old, jsonb_build_object(
            'id', gen_random_uuid(), 'contract_no', no, 'version', v_old.version + 1,
            'previous_id', v_old.id, 'status', 'draft', 'signed_on', null, 'effective_on', null,
            'created_at', now(), 'updated_at', now(), 'deleted_at', null))).*
  returning * into v_row;
  insert into public.contract_lines (contract_id, line_no, product_id, variety, brand, spec,
                                     quantity, unit_price)
  select v_row.id, l.line_no, l.product_id, l.variety, l.brand, l.spec, l.quantity, l.unit_price
    from public.contract_lines l where l.contract_id = v_old.id;
  return v_row;
end
$_$;

REVOKE ALL ON FUNCTION public.amend_contract(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.amend_contract(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.amend_contract(p_contract_id uuid) TO service_role;
