-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_display_items(p_key integer, r public.display_items) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_display_items' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.display_items t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_display_items(p_key integer, r public.display_items) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_display_items(p_key integer, r public.display_items) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_display_items(p_key integer, r public.display_items) TO service_role;
