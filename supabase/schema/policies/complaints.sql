-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.complaints ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can delete complaints" ON public.complaints FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.complaints AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff and the dealer can raise complaints" ON public.complaints FOR INSERT TO authenticated WITH CHECK (((status = 'open'::text) AND (raised_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id)))));

CREATE POLICY "Staff and the dealer can read complaints" ON public.complaints FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

CREATE POLICY "Staff can handle complaints of their customers" ON public.complaints FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
