-- Photos from dealers, and photos that belong to what they are attached to (issue 16).
--
-- A dealer's people photograph what arrived broken or short and what a request is about: the
-- photo is a row of public.photos about the dealer's own company (no visit), pushed by sync like
-- a rep's, with its file uploaded after the row is acknowledged (record_photo_file: the
-- photographer only). A dealer reads only the photos its own people took; staff read them as
-- photos of their customers.
--
-- Every photo id a delivery confirmation, an after-sales request or a case event carries must be
-- a photo of that customer which the writer may see, so no one attaches another customer's photo
-- (or an id that does not exist) to a case.

-- 1 kinds: what the photo shows ------------------------------------------------------------------
alter table public.photos drop constraint photos_kind_check;
alter table public.photos add constraint photos_kind_check check (kind in (
  'storefront', 'shelf', 'display', 'competitor', 'delivery', 'damage', 'evidence', 'other'));

-- 2 dealers' photos ------------------------------------------------------------------------------
-- The active dealer users of the caller's company (a dealer cannot read profiles).
create or replace function private.my_company_people() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.profiles p
   where p.role = 'dealer' and p.customer_id = (select private.my_customer_id())
$$;
revoke all on function private.my_company_people() from public, anon;
grant execute on function private.my_company_people() to authenticated;

create policy "Dealers can add photos of their own company" on public.photos
  for insert to authenticated with check (
    taken_by = (select auth.uid()) and visit_id is null
    and customer_id = (select private.my_customer_id()));

create policy "Dealers can read the photos their own people took" on public.photos
  for select to authenticated using (
    customer_id = (select private.my_customer_id())
    and taken_by in (select private.my_company_people()));

-- 3 attached photos are photos of the customer, visible to the writer ---------------------------
-- Security invoker on purpose: "visible" is the writer's own photos policies (a security-definer
-- RPC writing a case event sees every photo, and the customer still has to match).
create or replace function private.check_photo_ids() returns trigger
language plpgsql security invoker set search_path = ''
as $$
declare
  row_ jsonb := to_jsonb(new);
  ids uuid[] := array(select jsonb_array_elements_text(coalesce(row_ -> 'photo_ids', '[]'))::uuid);
  bad uuid;
begin
  if row_ ->> 'photo_id' is not null then
    ids := ids || (row_ ->> 'photo_id')::uuid;
  end if;
  select i into bad from unnest(ids) i
   where not exists (select from public.photos p
                      where p.id = i and p.customer_id = (row_ ->> 'customer_id')::uuid
                        and p.deleted_at is null)
   limit 1;
  if bad is not null then
    raise exception 'photo % is not a photo of this customer (or not found)', bad
      using errcode = '22023', detail = '照片不存在或不是该客户的照片';
  end if;
  return new;
end
$$;
revoke all on function private.check_photo_ids() from public, anon;

create trigger delivery_confirmations_20_photos before insert on public.delivery_confirmations
  for each row execute function private.check_photo_ids();
create trigger case_requests_20_photos before insert on public.case_requests
  for each row execute function private.check_photo_ids();
create trigger case_events_20_photos before insert on public.case_events
  for each row execute function private.check_photo_ids();
