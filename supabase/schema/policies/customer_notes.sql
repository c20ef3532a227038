-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.customer_notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Authors and managers can delete notes" ON public.customer_notes FOR DELETE TO authenticated USING (((author_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager)));

CREATE POLICY "Authors can update their notes" ON public.customer_notes FOR UPDATE TO authenticated USING ((author_id = ( SELECT auth.uid() AS uid)));

CREATE POLICY "Authors, their area managers and managers can read notes" ON public.customer_notes FOR SELECT TO authenticated USING (((author_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (author_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids)))));

CREATE POLICY "Only active users get in" ON public.customer_notes AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can write notes on their customers" ON public.customer_notes FOR INSERT TO authenticated WITH CHECK (((author_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));
