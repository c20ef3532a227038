-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.support_activities ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Area managers and managers can delete support activities" ON public.support_activities FOR DELETE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Only active users get in" ON public.support_activities AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can plan support activities" ON public.support_activities FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can read support activities" ON public.support_activities FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can update support activities" ON public.support_activities FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
