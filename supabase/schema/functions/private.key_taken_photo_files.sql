-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_photo_files' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.photo_files t where (t.photo_id) = (r.photo_id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_photo_files(p_key integer, r public.photo_files) TO service_role;
