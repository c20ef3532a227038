-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_display_templates(p_key integer, r public.display_templates) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_display_templates' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.display_templates t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_display_templates(p_key integer, r public.display_templates) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_display_templates(p_key integer, r public.display_templates) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_display_templates(p_key integer, r public.display_templates) TO service_role;
