-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.key) is distinct from (old.key) then
      perform private.deny('the key of a settings row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.settings', to_jsonb(old)) then
      perform private.deny('you cannot delete this settings row', '无权删除该记录');
    end if;
  end if;
  -- settings_pkey
  if not (new.key is null)
     and (tg_op = 'INSERT' or (new.key) is distinct from (old.key))
     and private.key_taken_settings(0, new) and not exists (select from public.settings t where (t.key) = (new.key)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_settings() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_settings() TO service_role;
