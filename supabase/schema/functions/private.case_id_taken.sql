-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_id_taken(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (select from public.cases c where c.id = p_id)
$$;

REVOKE ALL ON FUNCTION private.case_id_taken(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_id_taken(p_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_id_taken(p_id uuid) TO service_role;
