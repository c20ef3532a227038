-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.case_requests ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.case_requests AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff and the dealer can read case requests" ON public.case_requests FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

CREATE POLICY "The dealer and staff who see the customer can raise requests" ON public.case_requests FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));
