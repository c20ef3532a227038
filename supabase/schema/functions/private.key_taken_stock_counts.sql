-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_stock_counts' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.stock_counts t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_stock_counts(p_key integer, r public.stock_counts) TO service_role;
