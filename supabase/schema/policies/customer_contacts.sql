-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.customer_contacts ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.customer_contacts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can add contacts to their customers" ON public.customer_contacts FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can delete contacts of their customers" ON public.customer_contacts FOR DELETE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can read contacts of their customers" ON public.customer_contacts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff can update contacts of their customers" ON public.customer_contacts FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
