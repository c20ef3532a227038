-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.executive_visits ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.executive_visits AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can read executive visits of their customers" ON public.executive_visits FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
