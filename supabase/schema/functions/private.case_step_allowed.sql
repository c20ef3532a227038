-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_step_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select (p_from, p_to) in (
    ('open', 'in_progress'), ('open', 'awaiting_approval'), ('open', 'resolved'), ('open', 'closed'),
    ('in_progress', 'awaiting_approval'), ('in_progress', 'resolved'), ('in_progress', 'closed'),
    ('awaiting_approval', 'in_progress'), ('awaiting_approval', 'rejected'),
    ('rejected', 'closed'), ('resolved', 'in_progress'), ('resolved', 'closed'))
$$;

REVOKE ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) TO authenticated;
GRANT ALL ON FUNCTION private.case_step_allowed(p_from text, p_to text) TO service_role;
