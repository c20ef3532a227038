-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_areas() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a areas row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.areas', to_jsonb(old)) then
      perform private.deny('you cannot delete this areas row', '无权删除该记录');
    end if;
  end if;
  -- areas_parent_id_fkey
  if not (new.parent_id is null)
     and (tg_op = 'INSERT' or (new.parent_id) is distinct from (old.parent_id)) then
    if not exists (select from public.areas t where (t.id) = (new.parent_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- areas_code_key
  if not (new.code is null)
     and (tg_op = 'INSERT' or (new.code) is distinct from (old.code))
     and private.key_taken_areas(0, new) and not exists (select from public.areas t where (t.code) = (new.code)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  -- areas_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_areas(1, new) and not exists (select from public.areas t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_areas() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_areas() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_areas() TO service_role;
