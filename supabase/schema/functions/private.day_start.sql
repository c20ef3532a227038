-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.day_start(p_day date) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select p_day::timestamp at time zone private.company_tz()
$$;

REVOKE ALL ON FUNCTION private.day_start(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.day_start(p_day date) TO authenticated;
GRANT ALL ON FUNCTION private.day_start(p_day date) TO service_role;
