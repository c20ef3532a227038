-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  perform private.warning_check_note(p_note, true);
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 or array_position(p_photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023',
      detail = '照片（photo_ids）最多20张，且不能为空';
  end if;
  return private.warning_step(w, 'note', 'investigating', null, p_note, p_photo_ids, null);
end
$$;

REVOKE ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.warning_add_note(p_warning_id uuid, p_note text, p_photo_ids uuid[]) TO service_role;
