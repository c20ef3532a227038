-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.company_now() RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(nullif(current_setting('fieldsales.now', true), '')::timestamptz, now())
$$;

REVOKE ALL ON FUNCTION private.company_now() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_now() TO authenticated;
GRANT ALL ON FUNCTION private.company_now() TO service_role;
