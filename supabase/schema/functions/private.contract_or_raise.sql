-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.contract_or_raise(p_contract_id uuid) RETURNS public.contracts
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_row public.contracts;
begin
  if p_contract_id is null then
    raise exception 'p_contract_id is required' using errcode = '22023', detail = '缺少合同编号';
  end if;
  select * into v_row from public.contracts c where c.id = p_contract_id and c.deleted_at is null;
  if not found then
    raise exception 'contract % not found', p_contract_id using errcode = 'P0002',
      detail = '找不到该合同';
  end if;
  return v_row;
end
$$;

REVOKE ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.contract_or_raise(p_contract_id uuid) TO service_role;
