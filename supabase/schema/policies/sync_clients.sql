-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.sync_clients ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.sync_clients AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People can advance their own sync clients" ON public.sync_clients FOR UPDATE TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "People can register their own sync clients" ON public.sync_clients FOR INSERT TO authenticated WITH CHECK ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "People can remove their own sync clients" ON public.sync_clients FOR DELETE TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "People can see their own sync clients" ON public.sync_clients FOR SELECT TO authenticated USING ((user_id = ( SELECT auth.uid() AS uid)));
