-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.sync_meta ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.sync_meta AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Signed-in people can read the sync epoch" ON public.sync_meta FOR SELECT TO authenticated USING ((( SELECT private.my_role() AS my_role) IS NOT NULL));
