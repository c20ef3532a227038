-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.company_today() RETURNS date
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select (private.company_now() at time zone private.company_tz())::date
$$;

REVOKE ALL ON FUNCTION private.company_today() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_today() TO authenticated;
GRANT ALL ON FUNCTION private.company_today() TO service_role;
