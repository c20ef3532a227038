-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.contracts ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Area managers can draft contracts for their area" ON public.contracts FOR INSERT TO authenticated WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Area managers can edit and submit drafts of their area" ON public.contracts FOR UPDATE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (status = 'draft'::text) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))) WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (status = ANY (ARRAY['draft'::text, 'in_review'::text])) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Managers can create contracts" ON public.contracts FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete contracts" ON public.contracts FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can update contracts" ON public.contracts FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.contracts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff, custodians and the dealer can read a contract" ON public.contracts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (custodian_id = ( SELECT auth.uid() AS uid)) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));
