-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.setting_changes ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can read setting changes" ON public.setting_changes FOR SELECT TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.setting_changes AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));
