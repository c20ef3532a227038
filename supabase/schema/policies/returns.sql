-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.returns ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Area managers and managers can decide returns" ON public.returns FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Managers can delete returns" ON public.returns FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.returns AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff and the dealer can raise returns" ON public.returns FOR INSERT TO authenticated WITH CHECK (((status = 'requested'::text) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id)))));

CREATE POLICY "Staff and the dealer can read returns" ON public.returns FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));
