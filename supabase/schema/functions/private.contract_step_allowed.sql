-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.contract_step_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select (p_from, p_to) in (('draft', 'in_review'), ('in_review', 'draft'),
    ('in_review', 'signed'), ('signed', 'effective'), ('effective', 'expired'),
    ('effective', 'terminated'), ('draft', 'terminated'), ('in_review', 'terminated'),
    ('signed', 'terminated'))
$$;

REVOKE ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) TO authenticated;
GRANT ALL ON FUNCTION private.contract_step_allowed(p_from text, p_to text) TO service_role;
