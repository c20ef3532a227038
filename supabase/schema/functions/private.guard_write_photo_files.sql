-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_photo_files() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.photo_id) is distinct from (old.photo_id) then
      perform private.deny('the key of a photo_files row never changes', '记录编号不能修改');
    end if;
  end if;
  -- photo_files_photo_id_fkey
  if not (new.photo_id is null)
     and (tg_op = 'INSERT' or (new.photo_id) is distinct from (old.photo_id)) then
    if not exists (select from public.photos t where (t.id) = (new.photo_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- photo_files_uploaded_by_fkey
  if not (new.uploaded_by is null)
     and (tg_op = 'INSERT' or (new.uploaded_by) is distinct from (old.uploaded_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.uploaded_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.uploaded_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.uploaded_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('photo_files.uploaded_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- photo_files_pkey
  if not (new.photo_id is null)
     and (tg_op = 'INSERT' or (new.photo_id) is distinct from (old.photo_id))
     and private.key_taken_photo_files(0, new) and not exists (select from public.photo_files t where (t.photo_id) = (new.photo_id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_photo_files() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_photo_files() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_photo_files() TO service_role;
