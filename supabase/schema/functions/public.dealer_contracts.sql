-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_contracts(p_customer_id uuid) RETURNS TABLE(id uuid, contract_no text, version integer, status text, term_start date, term_end date, signed_on date, effective_on date, custodian_name text, updated_at timestamp with time zone)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select k.id, k.contract_no, k.version, k.status, k.term_start, k.term_end, k.signed_on,
         k.effective_on, p.full_name, k.updated_at
    from public.contracts k
    left join public.profiles p on p.id = k.custodian_id
   where k.customer_id = cu.id and k.deleted_at is null
   order by (k.status in ('expired', 'terminated')), k.version desc, k.created_at desc;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_contracts(p_customer_id uuid) TO service_role;
