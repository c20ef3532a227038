-- Photo storage: the bytes of photos leave the database. photo_files keeps what the file is
-- (type, size, SHA-256, where it is stored, who uploaded it and when); the bytes go to the
-- Supabase Storage bucket `visit-photos`, or, without Supabase, to a folder that the direct
-- PostgreSQL remote writes (fieldapp/sync/pg_remote.py). Who may read or write an object is
-- decided by the same rows: whoever sees the photo reads its file; its photographer writes it.

-- 1 table: metadata only ------------------------------------------------------------------------

alter table public.photo_files
  add column size integer,
  add column sha256 text;
update public.photo_files
   set size = octet_length(content), sha256 = encode(sha256(content), 'hex');

-- bytes uploaded before this migration are kept out of the API until they are copied to storage
create table private.photo_file_backlog (
  photo_id uuid primary key references public.photo_files (photo_id) on delete cascade,
  content bytea not null
);
alter table private.photo_file_backlog enable row level security;
revoke all on private.photo_file_backlog from public;
insert into private.photo_file_backlog (photo_id, content)
select photo_id, content from public.photo_files;

alter table public.photo_files drop column content;
alter table public.photo_files
  alter column size set not null,
  alter column sha256 set not null,
  add constraint photo_files_size_check check (size between 1 and 15728640),
  add constraint photo_files_sha256_check check (sha256 ~ '^[0-9a-f]{64}$'),
  -- the object's name in the bucket: its uploader's folder, so that a direct write cannot
  -- choose another one (storage policies below check the first folder)
  add column storage_path text generated always as (
    uploaded_by::text || '/' || photo_id::text
    || case mime when 'image/jpeg' then '.jpg' when 'image/png' then '.png' else '.webp' end
  ) stored;
create unique index photo_files_storage_path_key on public.photo_files (storage_path);

-- 2 API -----------------------------------------------------------------------------------------

drop function public.put_photo_file(uuid, text, text);

create or replace function public.record_photo_file(
  p_photo_id uuid, p_mime text, p_size integer, p_sha256 text)
returns text
language plpgsql security invoker set search_path = ''
as $$
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
$$;
revoke all on function public.record_photo_file(uuid, text, integer, text) from public, anon;
grant execute on function public.record_photo_file(uuid, text, integer, text) to authenticated;

create or replace function public.photo_file(p_photo_id uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
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
revoke all on function public.photo_file(uuid) from public, anon;
grant execute on function public.photo_file(uuid) to authenticated;

-- 3 Supabase Storage: the bucket and its policies, only where the storage schema exists ----------

do $$
begin
  if to_regnamespace('storage') is null then
    return;  -- plain PostgreSQL: the bytes go to a folder, through the same RPC
  end if;
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('visit-photos', 'visit-photos', false, 15728640,
          array['image/jpeg', 'image/png', 'image/webp'])
  on conflict (id) do nothing;
  -- photo_files' own policies (and those of photos under them) decide who sees which row
  execute $policy$
    create policy "Staff can read the photo objects of photos they can see" on storage.objects
      for select to authenticated using (
        bucket_id = 'visit-photos'
        and exists (select from public.photo_files f where f.storage_path = objects.name))
  $policy$;
  execute $policy$
    create policy "Photographers can upload the objects of their recorded photo files"
      on storage.objects
      for insert to authenticated with check (
        bucket_id = 'visit-photos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
        and exists (select from public.photo_files f
                     where f.storage_path = objects.name
                       and f.uploaded_by = (select auth.uid())))
  $policy$;
  -- no update or delete: an object is written once (upsert off) and goes with its photo
end
$$;
