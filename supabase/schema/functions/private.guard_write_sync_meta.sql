-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_sync_meta() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.key) is distinct from (old.key) then
      perform private.deny('the key of a sync_meta row never changes', '记录编号不能修改');
    end if;
  end if;
  -- sync_meta_pkey
  if not (new.key is null)
     and (tg_op = 'INSERT' or (new.key) is distinct from (old.key))
     and private.key_taken_sync_meta(0, new) and not exists (select from public.sync_meta t where (t.key) = (new.key)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_sync_meta() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_sync_meta() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_sync_meta() TO service_role;
