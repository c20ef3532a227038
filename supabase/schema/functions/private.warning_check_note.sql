-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_check_note(p_note text, p_required boolean) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a note is required' using errcode = '22023', detail = '请填写说明（note）';
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明（note）不能超过4000字';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.warning_check_note(p_note text, p_required boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_check_note(p_note text, p_required boolean) TO service_role;
