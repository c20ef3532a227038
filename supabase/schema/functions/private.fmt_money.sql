-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.fmt_money(x jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select to_char((x #>> '{}')::numeric, 'FM999,999,999,999,990.00')
$$;

REVOKE ALL ON FUNCTION private.fmt_money(x jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.fmt_money(x jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.fmt_money(x jsonb) TO service_role;
