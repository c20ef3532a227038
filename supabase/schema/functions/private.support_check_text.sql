-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.support_check_text(p_text text, p_field text, p_zh text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if length(coalesce(p_text, '')) > 4000 then
    raise exception '% is longer than 4000 characters', p_field using errcode = '22023',
      detail = format('%s（%s）不能超过4000字', p_zh, p_field);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.support_check_text(p_text text, p_field text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.support_check_text(p_text text, p_field text, p_zh text) TO authenticated;
GRANT ALL ON FUNCTION private.support_check_text(p_text text, p_field text, p_zh text) TO service_role;
