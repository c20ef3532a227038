-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.submit_contract(p_contract_id uuid, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'in_review', p_note) $$;

REVOKE ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.submit_contract(p_contract_id uuid, p_note text) TO service_role;
