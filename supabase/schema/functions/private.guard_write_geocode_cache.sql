-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_geocode_cache() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a geocode_cache row never changes', '记录编号不能修改');
    end if;
  end if;
  -- geocode_cache_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_geocode_cache(0, new) and not exists (select from public.geocode_cache t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- geocode_cache_provider_address_key_key
  if not (new.provider is null or new.address_key is null)
     and (tg_op = 'INSERT' or (new.provider, new.address_key) is distinct from (old.provider, old.address_key))
     and private.key_taken_geocode_cache(1, new) and not exists (select from public.geocode_cache t where (t.provider, t.address_key) = (new.provider, new.address_key)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_geocode_cache() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_geocode_cache() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_geocode_cache() TO service_role;
