-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_contract_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if new.custodian_id is not null and not exists (
      select from public.profiles p
       where p.id = new.custodian_id and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'a contract''s custodian must be a staff member'
      using errcode = '42501', detail = '合同保管人必须是公司员工';
  end if;
  if new.previous_id is not null and (new.previous_id = new.id or not exists (
      select from public.contracts c
       where c.id = new.previous_id and c.customer_id = new.customer_id)) then
    raise exception 'a contract amends only an earlier contract of the same customer'
      using errcode = '42501', detail = '补充合同只能接续同一客户的原合同';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_contract_references() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_contract_references() TO authenticated;
GRANT ALL ON FUNCTION private.check_contract_references() TO service_role;
