-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_profiles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a profiles row never changes', '记录编号不能修改');
    end if;
  end if;
  -- profiles_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- profiles_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- profiles_email_key
  if not (new.email is null)
     and (tg_op = 'INSERT' or (new.email) is distinct from (old.email))
     and private.key_taken_profiles(0, new) and not exists (select from public.profiles t where (t.email) = (new.email)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- profiles_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_profiles(1, new) and not exists (select from public.profiles t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_profiles() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_profiles() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_profiles() TO service_role;
