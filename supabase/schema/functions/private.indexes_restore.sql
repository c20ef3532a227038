-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.indexes_restore(p_statements text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  s text;
begin
  foreach s in array coalesce(p_statements, '{}') loop
    execute s;
  end loop;
end
$$;

REVOKE ALL ON FUNCTION private.indexes_restore(p_statements text[]) FROM PUBLIC;
