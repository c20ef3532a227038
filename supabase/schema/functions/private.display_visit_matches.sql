-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.display_visit_matches(p_visit_id uuid, p_customer_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (select from public.visits v where v.id = p_visit_id
                  and v.customer_id = p_customer_id)
$$;

REVOKE ALL ON FUNCTION private.display_visit_matches(p_visit_id uuid, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.display_visit_matches(p_visit_id uuid, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.display_visit_matches(p_visit_id uuid, p_customer_id uuid) TO service_role;
