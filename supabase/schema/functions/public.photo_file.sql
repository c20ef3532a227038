-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.photo_file(p_photo_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  result jsonb;
begin
  perform private.require_caller();
  select jsonb_build_object('photo_id', f.photo_id, 'mime', f.mime, 'size', f.size,
           'sha256', f.sha256, 'bucket', 'visit-photos', 'storage_path', f.storage_path,
           'uploaded_by', f.uploaded_by, 'uploaded_at', f.uploaded_at)
    into result
    from public.photo_files f
   where f.photo_id = p_photo_id;
  if result is null then
    raise exception 'photo % has no file (or is not visible)', p_photo_id
      using errcode = 'P0002', detail = '找不到这张照片的文件（未上传或无权查看）';
  end if;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.photo_file(p_photo_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.photo_file(p_photo_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.photo_file(p_photo_id uuid) TO service_role;
