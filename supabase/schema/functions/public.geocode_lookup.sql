-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.geocode_lookup(p_address text) RETURNS TABLE(lat double precision, lng double precision, provider text, formatted_address text, at timestamp with time zone)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  v_key text;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
    if not (select private.is_staff()) then
      perform private.deny('only staff look up addresses', '只有内部员工可以根据地址定位');
    end if;
  end if;
  v_key := private.geocode_key(coalesce(p_address, ''));
  if v_key = '' then
    raise exception 'p_address: the address is empty' using errcode = '22023',
      detail = '地址（p_address）不能为空';
  end if;
  if char_length(v_key) > 200 then
    raise exception 'p_address: the address is longer than 200 characters' using errcode = '22023',
      detail = '地址（p_address）不能超过200个字符';
  end if;
  return query
    select c.lat, c.lng, c.provider, c.formatted_address, c.at
      from public.geocode_cache c
     where c.address_key = v_key and c.status = 'ok'
     order by c.at desc
     limit 1;
end $$;

REVOKE ALL ON FUNCTION public.geocode_lookup(p_address text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.geocode_lookup(p_address text) TO authenticated;
GRANT ALL ON FUNCTION public.geocode_lookup(p_address text) TO service_role;
