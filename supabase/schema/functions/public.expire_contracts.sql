-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.expire_contracts(p_as_of date DEFAULT private.company_today()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  n integer;
begin
  if current_user = 'authenticated' and not (select private.is_manager()) then
    perform private.deny('only a manager expires contracts', '只有销售经理可以处理合同到期');
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  perform set_config('fieldsales.contract_note', 'term ended', true);
  update public.contracts set status = 'expired'
   where status = 'effective' and term_end < p_as_of and deleted_at is null;
  get diagnostics n = row_count;
  perform set_config('fieldsales.contract_note', '', true);
  return n;
end
$$;

REVOKE ALL ON FUNCTION public.expire_contracts(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.expire_contracts(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.expire_contracts(p_as_of date) TO service_role;
