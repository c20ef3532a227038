-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
  select private.next_working_day(
    (p_raised_at at time zone private.company_tz())::date + private.warning_due_days(p_severity))
$$;

REVOKE ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION private.warning_due_on(p_severity text, p_raised_at timestamp with time zone) TO service_role;
