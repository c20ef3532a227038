-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.incidents ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can delete incidents" ON public.incidents FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.incidents AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reporters and their managers can update incidents" ON public.incidents FOR UPDATE TO authenticated USING (((reported_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Staff can read incidents" ON public.incidents FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can report incidents at their customers" ON public.incidents FOR INSERT TO authenticated WITH CHECK (((reported_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));
