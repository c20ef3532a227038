-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Dealers can read the orders addressed to them" ON public.orders FOR SELECT TO authenticated USING ((supplier_id = ( SELECT private.my_customer_id() AS my_customer_id)));

CREATE POLICY "Only active users get in" ON public.orders AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps can delete their draft orders" ON public.orders FOR DELETE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));

CREATE POLICY "Reps can edit their draft orders" ON public.orders FOR UPDATE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));

CREATE POLICY "Reps can take orders from their customers" ON public.orders FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can read orders of their customers" ON public.orders FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
