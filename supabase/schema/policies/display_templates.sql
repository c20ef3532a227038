-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.display_templates ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers write display templates" ON public.display_templates TO authenticated USING (( SELECT private.is_manager() AS is_manager)) WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.display_templates AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff read display templates" ON public.display_templates FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
