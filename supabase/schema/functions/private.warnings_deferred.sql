-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warnings_deferred() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(current_setting('fieldsales.defer_warnings', true), '') = 'on'
         and pg_catalog.pg_has_role(session_user, 'service_role', 'member')
$$;

REVOKE ALL ON FUNCTION private.warnings_deferred() FROM PUBLIC;
