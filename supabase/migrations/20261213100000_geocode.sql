-- Addresses that geocode (issue 19): the geocoder's cache, and the lookup the phone uses.
--
-- `fieldsales geocode` (backend/geocode.py) asks a provider (Nominatim, Baidu, AMap) for the
-- position of each customer that has an address and no position, and keeps every answer here,
-- good or bad, so that no address is ever asked twice of the same provider. The position is
-- kept as the provider gave it (its datum: Nominatim WGS-84, AMap GCJ-02, Baidu BD-09) and
-- converted to WGS-84, the project's datum (fieldapp/domain/geo.py). The table is read-only
-- reference data: staff read it (the phone's "根据地址定位" through geocode_lookup), only the
-- service side writes it; dealers never see it.
-- 1 the cache. 2 the key (one normalisation, shared with backend/geocode.py). 3 geocode_lookup.
-- 4 grants and policies.

-- 1 the cache ---------------------------------------------------------------------------------------
create table public.geocode_cache (
  id uuid primary key default gen_random_uuid(),
  provider text not null,
  address_key text not null,
  address text not null,
  status text not null,
  datum text,
  provider_lat double precision,
  provider_lng double precision,
  lat double precision,
  lng double precision,
  formatted_address text,
  reason text,
  at timestamptz not null default now(),
  constraint geocode_cache_provider_check check (provider in ('nominatim', 'baidu', 'amap')),
  constraint geocode_cache_status_check check (status in ('ok', 'not_found', 'error')),
  constraint geocode_cache_datum_check check (datum in ('wgs84', 'gcj02', 'bd09')),
  constraint geocode_cache_provider_lat_range check (provider_lat between -90 and 90),
  constraint geocode_cache_provider_lng_range check (provider_lng between -180 and 180),
  constraint geocode_cache_lat_range check (lat between -90 and 90),
  constraint geocode_cache_lng_range check (lng between -180 and 180),
  constraint geocode_cache_placed check (
    (status = 'ok') = (lat is not null and lng is not null and provider_lat is not null
                       and provider_lng is not null and datum is not null)),
  constraint geocode_cache_reason check ((status = 'ok') = (reason is null)),
  constraint geocode_cache_provider_len check (char_length(provider) <= 200),
  constraint geocode_cache_address_key_len check (char_length(address_key) between 1 and 200),
  constraint geocode_cache_address_len check (char_length(address) <= 200),
  constraint geocode_cache_status_len check (char_length(status) <= 200),
  constraint geocode_cache_datum_len check (char_length(datum) <= 200),
  constraint geocode_cache_formatted_address_len check (char_length(formatted_address) <= 500),
  constraint geocode_cache_reason_len check (char_length(reason) <= 500),
  unique (provider, address_key)
);

-- 2 the key -----------------------------------------------------------------------------------------
-- NFKC (full-width digits and letters become ASCII), trimmed, runs of white space made one
-- space and none beside a Chinese (non-ASCII) character, lower case:
-- backend/geocode.normalise_address does the same (a test compares them).
create function private.geocode_key(p_address text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select lower(regexp_replace(
           regexp_replace(btrim(normalize(p_address, nfkc)), '\s+', ' ', 'g'),
           '(?<=[^\x01-\x7f]) | (?=[^\x01-\x7f])', '', 'g'))
$$;

-- 3 geocode_lookup ----------------------------------------------------------------------------------
-- The phone's "根据地址定位": the cached WGS-84 position of an address (any provider, the most
-- recent good answer), or nothing; the phone holds no provider key and never calls a provider.
create function public.geocode_lookup(p_address text)
returns table (lat double precision, lng double precision, provider text,
               formatted_address text, at timestamptz)
language plpgsql stable security invoker set search_path = '' as $$
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

-- 4 grants and policies -----------------------------------------------------------------------------
alter table public.geocode_cache enable row level security;
grant select on public.geocode_cache to authenticated;
create policy "Staff can read the geocoder cache" on public.geocode_cache
  for select to authenticated using ((select private.is_staff()));

revoke all on function private.geocode_key(text) from public, anon;
grant execute on function private.geocode_key(text) to authenticated;
revoke all on function public.geocode_lookup(text) from public, anon;
grant execute on function public.geocode_lookup(text) to authenticated;

select private.install_write_guards();
select private.add_active_user_policies();
