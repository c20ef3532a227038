-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.notify_channels ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can add group bots" ON public.notify_channels FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can change group bots" ON public.notify_channels FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager)) WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete group bots" ON public.notify_channels FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can read group bots" ON public.notify_channels FOR SELECT TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.notify_channels AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));
