-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_photo_ids() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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

REVOKE ALL ON FUNCTION private.check_photo_ids() FROM PUBLIC;
