-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.photo_files ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.photo_files AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Photographers can upload the files of their photos" ON public.photo_files FOR INSERT TO authenticated WITH CHECK (((uploaded_by = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT
   FROM public.photos p
  WHERE ((p.id = photo_files.photo_id) AND (p.taken_by = ( SELECT auth.uid() AS uid)))))));

CREATE POLICY "Staff can read the files of photos they can see" ON public.photo_files FOR SELECT TO authenticated USING ((EXISTS ( SELECT
   FROM public.photos p
  WHERE (p.id = photo_files.photo_id))));
