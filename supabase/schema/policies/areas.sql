-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.areas ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can create areas" ON public.areas FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete areas" ON public.areas FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can update areas" ON public.areas FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.areas AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read areas" ON public.areas FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
