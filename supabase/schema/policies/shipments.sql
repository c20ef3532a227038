-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.shipments ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers and the receiving dealer can update shipments" ON public.shipments FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

CREATE POLICY "Managers can create shipments" ON public.shipments FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete shipments" ON public.shipments FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.shipments AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff and the dealer can read shipments" ON public.shipments FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));
