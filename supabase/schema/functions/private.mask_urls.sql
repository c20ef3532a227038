-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.mask_urls(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select regexp_replace(p_text, '([a-zA-Z][a-zA-Z0-9+.-]*://[^/\s?#]+)[^\s]*', '\1/…', 'g')
$$;

REVOKE ALL ON FUNCTION private.mask_urls(p_text text) FROM PUBLIC;
