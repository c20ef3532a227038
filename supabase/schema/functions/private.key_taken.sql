-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken(p_table regclass, p_cols text[], p_row jsonb) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  found boolean;
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.key_taken is for triggers only' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  execute format('select exists (select from %s t where %s)', p_table,
                 private.key_condition(p_table, p_cols, p_cols))
    into found using p_row;
  return found;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken(p_table regclass, p_cols text[], p_row jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken(p_table regclass, p_cols text[], p_row jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken(p_table regclass, p_cols text[], p_row jsonb) TO service_role;
