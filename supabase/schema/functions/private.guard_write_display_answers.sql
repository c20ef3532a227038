-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_write_display_answers() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if (new.id) is distinct from (old.id) then
      perform private.deny('the key of a display_answers row never changes', '记录编号不能修改');
    end if;
    if new.deleted_at is distinct from old.deleted_at
       and not private.may_soft_delete('public.display_answers', to_jsonb(old)) then
      perform private.deny('you cannot delete this display_answers row', '无权删除该记录');
    end if;
  end if;
  -- display_answers_answered_by_fkey
  if not (new.answered_by is null)
     and (tg_op = 'INSERT' or (new.answered_by) is distinct from (old.answered_by)) then
    if not exists (select from public.profiles t where (t.id) = (new.answered_by)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
    if new.answered_by is distinct from (select auth.uid()) and not exists (
        select from public.profiles p where p.id = new.answered_by and p.active
           and p.role in ('rep', 'area_manager', 'manager')) then
      perform private.deny('display_answers.answered_by names someone who is not an active staff member', '只能填写本人或在职员工');
    end if;
  end if;
  -- display_answers_customer_id_fkey
  if not (new.customer_id is null)
     and (tg_op = 'INSERT' or (new.customer_id) is distinct from (old.customer_id)) then
    if not exists (select from public.customers t where (t.id) = (new.customer_id))
       and new.customer_id is distinct from (select private.my_customer_id()) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- display_answers_item_id_fkey
  if not (new.item_id is null)
     and (tg_op = 'INSERT' or (new.item_id) is distinct from (old.item_id)) then
    if not exists (select from public.display_items t where (t.id) = (new.item_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- display_answers_photo_id_fkey
  if not (new.photo_id is null)
     and (tg_op = 'INSERT' or (new.photo_id) is distinct from (old.photo_id)) then
    if not exists (select from public.photos t where (t.id) = (new.photo_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- display_answers_visit_id_fkey
  if not (new.visit_id is null)
     and (tg_op = 'INSERT' or (new.visit_id) is distinct from (old.visit_id)) then
    if not exists (select from public.visits t where (t.id) = (new.visit_id)) then
      perform private.refuse_unseen(tg_table_name);
    end if;
  end if;
  -- display_answers_pkey
  if not (new.id is null)
     and (tg_op = 'INSERT' or (new.id) is distinct from (old.id))
     and private.key_taken_display_answers(0, new) and not exists (select from public.display_answers t where (t.id) = (new.id)) then
    perform private.refuse_unseen(tg_table_name);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_write_display_answers() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_write_display_answers() TO authenticated;
GRANT ALL ON FUNCTION private.guard_write_display_answers() TO service_role;
