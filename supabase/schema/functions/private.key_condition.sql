-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_condition(p_table regclass, p_cols text[], p_from text[]) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
  select string_agg(format('t.%I = ($1 ->> %L)::%s', a.attname, f.name,
                           format_type(a.atttypid, a.atttypmod)), ' and ')
    from unnest(p_cols, p_from) as f(col, name)
    join pg_catalog.pg_attribute a on a.attrelid = p_table and a.attname = f.col
$_$;

REVOKE ALL ON FUNCTION private.key_condition(p_table regclass, p_cols text[], p_from text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_condition(p_table regclass, p_cols text[], p_from text[]) TO authenticated;
GRANT ALL ON FUNCTION private.key_condition(p_table regclass, p_cols text[], p_from text[]) TO service_role;
