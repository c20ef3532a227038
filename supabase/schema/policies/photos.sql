-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.photos ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Dealers can add photos of their own company" ON public.photos FOR INSERT TO authenticated WITH CHECK (((taken_by = ( SELECT auth.uid() AS uid)) AND (visit_id IS NULL) AND (customer_id = ( SELECT private.my_customer_id() AS my_customer_id))));

CREATE POLICY "Dealers can read the photos their own people took" ON public.photos FOR SELECT TO authenticated USING (((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)) AND (taken_by IN ( SELECT private.my_company_people() AS my_company_people))));

CREATE POLICY "Only active users get in" ON public.photos AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Photographers and managers can delete photos" ON public.photos FOR DELETE TO authenticated USING (((taken_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager)));

CREATE POLICY "Photographers can update their photos" ON public.photos FOR UPDATE TO authenticated USING ((taken_by = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Staff can add photos of their customers" ON public.photos FOR INSERT TO authenticated WITH CHECK (((taken_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "Staff can read photos of their customers" ON public.photos FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
