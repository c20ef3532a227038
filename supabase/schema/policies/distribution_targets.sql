-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.distribution_targets ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.distribution_targets AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read distribution targets in their scope" ON public.distribution_targets FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (dealer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))));
