-- Province / city / district of a customer (issue 19, the offline base map).
--
-- Filled offline from the coordinates by the packaged boundaries (fieldapp/domain/districts.py):
-- the importer fills the blank ones from lat/lng, the phone's new-outlet form from the GPS fix.
-- Plain reference text: no figure depends on them; an area manager groups outlets by district.
-- Writable like address (the same column grants); a length check like every other text.

alter table public.customers
  add column province text,
  add column city text,
  add column district text;

alter table public.customers add constraint customers_province_len
  check (char_length(province) <= 200);
alter table public.customers add constraint customers_city_len
  check (char_length(city) <= 200);
alter table public.customers add constraint customers_district_len
  check (char_length(district) <= 200);

grant insert (province, city, district), update (province, city, district)
  on public.customers to authenticated;

comment on column public.customers.province is
  '省 — from the coordinates (packaged boundaries) when not given';
comment on column public.customers.city is '市 — from the coordinates when not given';
comment on column public.customers.district is '区/县 — from the coordinates when not given';
