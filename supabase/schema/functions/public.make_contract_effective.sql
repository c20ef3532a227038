-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date DEFAULT NULL::date, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'effective', p_note, p_effective_on) $$;

REVOKE ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.make_contract_effective(p_contract_id uuid, p_effective_on date, p_note text) TO service_role;
