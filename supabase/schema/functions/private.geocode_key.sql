-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.geocode_key(p_address text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select lower(regexp_replace(
           regexp_replace(btrim(normalize(p_address, nfkc)), '\s+', ' ', 'g'),
           '(?<=[^\x01-\x7f]) | (?=[^\x01-\x7f])', '', 'g'))
$$;

REVOKE ALL ON FUNCTION private.geocode_key(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.geocode_key(p_address text) TO authenticated;
