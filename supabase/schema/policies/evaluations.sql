-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.evaluations ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Area managers and managers can evaluate customers" ON public.evaluations FOR INSERT TO authenticated WITH CHECK (((evaluator_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))))));

CREATE POLICY "Evaluators can update their evaluations" ON public.evaluations FOR UPDATE TO authenticated USING ((evaluator_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Managers can delete evaluations" ON public.evaluations FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.evaluations AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read evaluations" ON public.evaluations FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
