-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.cols_test(p_row text, p_cols text[], p_test text, p_join text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select string_agg(format('%I.%I', p_row, c) || coalesce(' ' || nullif(p_test, ''), ''),
                    case p_join when ',' then ', ' else ' ' || p_join || ' ' end)
    from unnest(p_cols) c
$$;

REVOKE ALL ON FUNCTION private.cols_test(p_row text, p_cols text[], p_test text, p_join text) FROM PUBLIC;
