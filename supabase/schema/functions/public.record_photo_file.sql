-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $_$
declare
  who uuid := private.require_caller();
  photo record;
  kept record;
  path text;
begin
  if p_photo_id is null or p_mime is null or p_size is null or p_sha256 is null then
    raise exception 'p_photo_id, p_mime, p_size and p_sha256 are required'
      using errcode = '22023', detail = '缺少照片编号、格式、大小或校验值';
  end if;
  if p_mime not in ('image/jpeg', 'image/png', 'image/webp') then
    raise exception 'unsupported photo type % (JPEG, PNG or WebP only)', p_mime
      using errcode = '22023', detail = '只支持 JPEG、PNG 或 WebP 照片';
  end if;
  if p_size < 1 or p_size > 15728640 then
    raise exception 'a photo must be between 1 byte and 15 MB (got % bytes)', p_size
      using errcode = '22023', detail = '照片大小须在 15 MB 以内且不能为空';
  end if;
  if p_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'p_sha256 must be the SHA-256 of the file in 64 lowercase hex digits'
      using errcode = '22023', detail = '照片校验值（SHA-256）格式不对';
  end if;
  select p.taken_by, p.deleted_at into photo from public.photos p where p.id = p_photo_id;
  if not found or photo.deleted_at is not null then
    raise exception 'photo % not found', p_photo_id
      using errcode = 'P0002', detail = '找不到这张照片（可能已删除）';
  end if;
  if photo.taken_by is distinct from who then
    raise exception 'only the photographer can upload the file of photo %', p_photo_id
      using errcode = '42501', detail = '只有拍照的人可以上传这张照片';
  end if;
  insert into public.photo_files (photo_id, mime, size, sha256, uploaded_by)
  values (p_photo_id, p_mime, p_size, p_sha256, who)
  on conflict (photo_id) do nothing
  returning storage_path into path;
  if path is not null then
    return path;
  end if;
  -- idempotent: a retry of the same file changes nothing; another file is refused
  select f.mime, f.size, f.sha256, f.storage_path into kept
    from public.photo_files f where f.photo_id = p_photo_id;
  if (kept.mime, kept.size, kept.sha256) is distinct from (p_mime, p_size, p_sha256) then
    raise exception 'photo % already has another file (sha256 %)', p_photo_id, kept.sha256
      using errcode = '23505', detail = '这张照片已经上传过另一份文件，不能替换';
  end if;
  return kept.storage_path;
end
$_$;

REVOKE ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) TO authenticated;
GRANT ALL ON FUNCTION public.record_photo_file(p_photo_id uuid, p_mime text, p_size integer, p_sha256 text) TO service_role;
