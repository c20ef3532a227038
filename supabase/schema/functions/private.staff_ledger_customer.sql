-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.staff_ledger_customer(p_customer_id uuid) RETURNS TABLE(id uuid, code text, name text, credit_limit numeric, area_id uuid, tier smallint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  return query select * from private.ledger_customer(p_customer_id);
end
$$;

REVOKE ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.staff_ledger_customer(p_customer_id uuid) TO service_role;
