-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.settings ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Dealers can read the settings their app needs" ON public.settings FOR SELECT TO authenticated USING (((key = ANY (ARRAY['company.timezone'::text, 'delivery.confirm_days'::text, 'delivery.confirm_from'::text])) AND (( SELECT private.my_role() AS my_role) = 'dealer'::text)));

CREATE POLICY "Managers can add settings" ON public.settings FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can change settings" ON public.settings FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete settings" ON public.settings FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.settings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read settings" ON public.settings FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
