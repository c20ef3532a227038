-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_geocode_cache(p_key integer, r public.geocode_cache) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_geocode_cache' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.geocode_cache t where (t.id) = (r.id))
    when 1 then exists (select from public.geocode_cache t where (t.provider, t.address_key) = (r.provider, r.address_key))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_geocode_cache(p_key integer, r public.geocode_cache) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_geocode_cache(p_key integer, r public.geocode_cache) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_geocode_cache(p_key integer, r public.geocode_cache) TO service_role;
