-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date DEFAULT NULL::date, p_place text DEFAULT NULL::text, p_note text DEFAULT NULL::text) RETURNS public.contracts
    LANGUAGE sql
    SET search_path TO ''
    AS $$ select public.advance_contract(p_contract_id, 'signed', p_note, p_signed_on, p_place) $$;

REVOKE ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.sign_contract(p_contract_id uuid, p_signed_on date, p_place text, p_note text) TO service_role;
