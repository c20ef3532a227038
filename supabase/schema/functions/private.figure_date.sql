-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.figure_date(p_as_of date) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.figure_date(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.figure_date(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.figure_date(p_as_of date) TO service_role;
