-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.cases ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.cases AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff and the dealer can read cases" ON public.cases FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)) OR ((customer_id = ( SELECT private.my_customer_id() AS my_customer_id)) AND (kind <> 'incident'::text))));
