-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.chain_window(p_days integer, p_as_of date) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_days is null or p_days < 1 or p_days > 3650 then
    raise exception 'p_days must be between 1 and 3650' using errcode = '22023',
      detail = '天数须在1到3650之间';
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION private.chain_window(p_days integer, p_as_of date) TO service_role;
