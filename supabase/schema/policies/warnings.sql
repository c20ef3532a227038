-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.warnings ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.warnings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Owners and managers can move warnings along" ON public.warnings FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)))));

CREATE POLICY "Staff can read warnings of their customers" ON public.warnings FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
