-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.geocode_near(p_lat double precision, p_lng double precision, p_radius_m integer DEFAULT 150) RETURNS TABLE(address text, formatted_address text, distance_m double precision)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  v_dlat double precision;
  v_dlng double precision;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
    if not (select private.is_staff()) then
      perform private.deny('only staff look up addresses', '只有内部员工可以查看附近地址');
    end if;
  end if;
  if p_lat is null or p_lat not between -90 and 90 then
    raise exception 'p_lat must be a latitude from -90 to 90' using errcode = '22023',
      detail = '纬度（p_lat）须在 -90 到 90 之间';
  end if;
  if p_lng is null or p_lng not between -180 and 180 then
    raise exception 'p_lng must be a longitude from -180 to 180' using errcode = '22023',
      detail = '经度（p_lng）须在 -180 到 180 之间';
  end if;
  if p_radius_m is null or p_radius_m not between 1 and 1000 then
    raise exception 'p_radius_m must be 1 to 1000 metres' using errcode = '22023',
      detail = '范围（p_radius_m）须为 1 到 1000 米';
  end if;
  v_dlat := p_radius_m / 111320.0;
  v_dlng := p_radius_m / (111320.0 * greatest(cos(radians(p_lat)), 0.01));
  return query
    select n.address, n.formatted_address, n.d
      from (select c.address, c.formatted_address,
                   2 * 6371008.8 * asin(sqrt(
                     power(sin(radians(c.lat - p_lat) / 2), 2)
                     + cos(radians(p_lat)) * cos(radians(c.lat))
                       * power(sin(radians(c.lng - p_lng) / 2), 2))) as d
              from public.geocode_cache c
             where c.status = 'ok'
               and c.lat between p_lat - v_dlat and p_lat + v_dlat
               and c.lng between p_lng - v_dlng and p_lng + v_dlng) n
     where n.d <= p_radius_m
     order by n.d
     limit 1;
end $$;

REVOKE ALL ON FUNCTION public.geocode_near(p_lat double precision, p_lng double precision, p_radius_m integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.geocode_near(p_lat double precision, p_lng double precision, p_radius_m integer) TO authenticated;
GRANT ALL ON FUNCTION public.geocode_near(p_lat double precision, p_lng double precision, p_radius_m integer) TO service_role;
