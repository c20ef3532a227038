-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.cols_equal(p_left text, p_lcols text[], p_right text, p_rcols text[]) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select format('(%s) = (%s)',
    (select string_agg(format('%I.%I', p_left, c), ', ' order by o) from unnest(p_lcols)
       with ordinality as x(c, o)),
    (select string_agg(format('%I.%I', p_right, c), ', ' order by o) from unnest(p_rcols)
       with ordinality as x(c, o)))
$$;

REVOKE ALL ON FUNCTION private.cols_equal(p_left text, p_lcols text[], p_right text, p_rcols text[]) FROM PUBLIC;
