-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_display_answers(p_key integer, r public.display_answers) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_display_answers' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.display_answers t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_display_answers(p_key integer, r public.display_answers) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_display_answers(p_key integer, r public.display_answers) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_display_answers(p_key integer, r public.display_answers) TO service_role;
