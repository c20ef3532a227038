-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.customer_conduct_flags ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can delete conduct flags" ON public.customer_conduct_flags FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.customer_conduct_flags AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reporters and managers can update conduct flags" ON public.customer_conduct_flags FOR UPDATE TO authenticated USING (((reported_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Staff can flag conduct of their customers" ON public.customer_conduct_flags FOR INSERT TO authenticated WITH CHECK (((reported_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Staff can read conduct flags of their customers" ON public.customer_conduct_flags FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
