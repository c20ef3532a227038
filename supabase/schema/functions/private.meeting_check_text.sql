-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_text, ''))) = 0 then
    raise exception '% is required', p_field using errcode = '22023',
      detail = format('请填写%s（%s）', p_zh, p_field);
  end if;
  if length(coalesce(p_text, '')) > p_max then
    raise exception '% is longer than % characters', p_field, p_max using errcode = '22023',
      detail = format('%s（%s）不能超过%s字', p_zh, p_field, p_max);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) TO authenticated;
GRANT ALL ON FUNCTION private.meeting_check_text(p_text text, p_required boolean, p_max integer, p_field text, p_zh text) TO service_role;
