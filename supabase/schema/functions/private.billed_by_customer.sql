-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.billed_by_customer(p_after date, p_to date) RETURNS TABLE(customer_id uuid, amount numeric)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
  select p.customer_id, round(sum(p.billed_cents)::numeric / 100, 2)
    from private.purchase_days p
   where p.day > p_after and p.day <= p_to and p.billed_cents > 0
     and (coalesce(current_setting('role', true), 'none') not in ('authenticated', 'anon')
          or (select private.is_manager())
          or p.customer_id in (select private.staff_customer_ids())
          or p.customer_id = (select private.my_customer_id()))
   group by p.customer_id
$$;

REVOKE ALL ON FUNCTION private.billed_by_customer(p_after date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.billed_by_customer(p_after date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION private.billed_by_customer(p_after date, p_to date) TO service_role;
