-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
begin
  if p_required and length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception '%', p_en using errcode = '22023', detail = p_zh;
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  return nullif(btrim(p_reason), '');
end
$$;

REVOKE ALL ON FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.order_reason(p_reason text, p_required boolean, p_en text, p_zh text) TO authenticated;
