-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p_status = 'rejected'
      or (p_status = 'closed' and exists (select from public.case_events e
                                           where e.case_id = p_case_id and e.to_status = 'rejected'))
$$;

REVOKE ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) TO authenticated;
GRANT ALL ON FUNCTION private.case_was_rejected(p_case_id uuid, p_status text) TO service_role;
