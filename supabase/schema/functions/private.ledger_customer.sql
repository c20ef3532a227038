-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.ledger_customer(p_customer_id uuid) RETURNS TABLE(id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if api then
    perform private.require_caller();
  end if;
  return query
  select c.id, c.code, c.name, c.credit_limit, c.area_id, c.tier from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and (not api or (select private.is_manager())
          or c.id in (select private.staff_customer_ids())
          or c.id = (select private.my_customer_id()));
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.ledger_customer(p_customer_id uuid) TO service_role;
