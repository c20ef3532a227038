-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.customer_feedback ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.customer_feedback AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff read their customers' feedback, a dealer its own" ON public.customer_feedback FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

CREATE POLICY "Staff record feedback of customers they see" ON public.customer_feedback FOR INSERT TO authenticated WITH CHECK (((recorded_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "The recorder corrects their feedback" ON public.customer_feedback FOR UPDATE TO authenticated USING (((recorded_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));
