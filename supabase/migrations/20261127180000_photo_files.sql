-- Photo files: the bytes of the photos that reps take on visits and of new outlets.
-- The photos table (synced) says what was taken; the file follows once its row is on the server,
-- through one RPC, so that the app talks to the server through functions only (no storage API
-- is needed, and the embedded server has none).

-- 1 table -------------------------------------------------------------------------------------

create table public.photo_files (
  photo_id uuid primary key references public.photos (id) on delete cascade,
  mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
  content bytea not null check (octet_length(content) between 1 and 15728640),
  uploaded_by uuid not null default auth.uid() references public.profiles (id),
  uploaded_at timestamptz not null default now()
);
create index photo_files_uploaded_by_idx on public.photo_files (uploaded_by);
alter table public.photo_files enable row level security;

-- 2 policies: whoever sees the photo sees its file; only its photographer uploads it -----------

create policy "Staff can read the files of photos they can see" on public.photo_files
  for select to authenticated using (
    exists (select from public.photos p where p.id = photo_id));
create policy "Photographers can upload the files of their photos" on public.photo_files
  for insert to authenticated with check (
    uploaded_by = (select auth.uid())
    and exists (select from public.photos p
                 where p.id = photo_id and p.taken_by = (select auth.uid())));
-- no update or delete: a file is replaced by deleting its photo (the file goes with it)

-- 3 API -----------------------------------------------------------------------------------------

create or replace function public.put_photo_file(p_photo_id uuid, p_content text, p_mime text)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  bytes bytea;
  size integer;
begin
  perform private.require_caller();
  if p_photo_id is null or p_content is null or p_mime is null then
    raise exception 'p_photo_id, p_content and p_mime are required'
      using errcode = '22023', detail = '缺少照片编号、内容或格式';
  end if;
  if p_mime not in ('image/jpeg', 'image/png', 'image/webp') then
    raise exception 'unsupported photo type %', p_mime
      using errcode = '22023', detail = '只支持 JPEG、PNG 或 WebP 照片';
  end if;
  begin
    bytes := decode(p_content, 'base64');
  exception when others then
    raise exception 'the photo content is not base64'
      using errcode = '22023', detail = '照片内容不是有效的 base64 编码';
  end;
  size := octet_length(bytes);
  if size = 0 or size > 15728640 then
    raise exception 'a photo must be between 1 byte and 15 MB (got % bytes)', size
      using errcode = '22023', detail = '照片大小须在 15 MB 以内且不能为空';
  end if;
  if not exists (select from public.photos p where p.id = p_photo_id) then
    raise exception 'photo % not found', p_photo_id
      using errcode = 'P0002', detail = '找不到这张照片（可能已删除）';
  end if;
  -- idempotent: a retried upload of the same photo changes nothing
  insert into public.photo_files (photo_id, mime, content)
  values (p_photo_id, p_mime, bytes)
  on conflict (photo_id) do nothing;
  return jsonb_build_object('photo_id', p_photo_id, 'size', size);
end
$$;
revoke all on function public.put_photo_file(uuid, text, text) from public, anon;
grant execute on function public.put_photo_file(uuid, text, text) to authenticated;
