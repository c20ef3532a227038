-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_display_items() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a display_items row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.display_items', to_jsonb(old)) then
      perform private.deny('you cannot delete this display_items row', '无权删除该记录');
    end if;
  end if;
  -- display_items_template_id_fkey
  if not (new.template_id is null)
     and (tg_op = 'INSERT' or (new.template_id) is distinct from (old.template_id)) then
    if not exists (select from public.display_templates t where (t.id) = (new.template_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- display_items_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_display_items(0, new) and not exists (select from public.display_items t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_display_items() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_display_items() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_display_items() TO service_role;
