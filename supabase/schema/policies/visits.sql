-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.visits ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.visits AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps and their managers can read visits" ON public.visits FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

CREATE POLICY "Reps can delete their visits" ON public.visits FOR DELETE TO authenticated USING ((rep_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Reps can record visits to their customers" ON public.visits FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Reps can update their visits" ON public.visits FOR UPDATE TO authenticated USING ((rep_id = ( SELECT auth.uid() AS uid))) WITH CHECK ((rep_id = ( SELECT auth.uid() AS uid)));
