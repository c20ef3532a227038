-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p_status <> 'resolved' and p_as_of > private.warning_due_on(p_severity, p_raised_at)
$$;

REVOKE ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.warning_overdue(p_severity text, p_raised_at timestamp with time zone, p_status text, p_as_of date) TO service_role;
