-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[], p_internal boolean DEFAULT false) RETURNS public.case_events
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  ev public.case_events;
begin
  if length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写处理说明';
  end if;
  if length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '最多20张照片';
  end if;
  if coalesce(p_internal, false) and (select private.my_role()) = 'dealer' then
    perform private.deny('a dealer''s notes are never internal', '经销商不能添加内部备注');
  end if;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, photo_ids, internal)
  values (c.id, c.customer_id, (select auth.uid()), 'note', btrim(p_note),
          coalesce(p_photo_ids, '{}'), coalesce(p_internal, false))
  returning * into ev;
  update public.cases set updated_at = now() where id = c.id;
  return ev;
end
$$;

REVOKE ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) TO authenticated;
GRANT ALL ON FUNCTION public.case_add_note(p_case_id uuid, p_note text, p_photo_ids uuid[], p_internal boolean) TO service_role;
