-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.geocode_cache ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.geocode_cache AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read the geocoder cache" ON public.geocode_cache FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
