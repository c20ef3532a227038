-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_notify_channels() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a notify_channels row never changes', '记录编号不能修改');
    end if;
  end if;
  -- notify_channels_area_id_fkey
  if not (new.area_id is null)
     and (tg_op = 'INSERT' or (new.area_id) is distinct from (old.area_id)) then
    if not exists (select from public.areas t where (t.id) = (new.area_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- notify_channels_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_notify_channels(0, new) and not exists (select from public.notify_channels t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_notify_channels() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_notify_channels() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_notify_channels() TO service_role;
