-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.severity_rank(p_severity text) RETURNS integer
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select case p_severity when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end
$$;

REVOKE ALL ON FUNCTION private.severity_rank(p_severity text) FROM PUBLIC;
