-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.warning_thresholds ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can add warning thresholds" ON public.warning_thresholds FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can change warning thresholds" ON public.warning_thresholds FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can remove warning thresholds" ON public.warning_thresholds FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.warning_thresholds AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read warning thresholds" ON public.warning_thresholds FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
