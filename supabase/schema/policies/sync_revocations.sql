-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.sync_revocations ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.sync_revocations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People can see their own revocations" ON public.sync_revocations FOR SELECT TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));
