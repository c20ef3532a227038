-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.visit_plans ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.visit_plans AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps and their approvers can update visit plans" ON public.visit_plans FOR UPDATE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

CREATE POLICY "Reps and their managers can read visit plans" ON public.visit_plans FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));

CREATE POLICY "Reps can create their own visit plans" ON public.visit_plans FOR INSERT TO authenticated WITH CHECK (((rep_id = ( SELECT auth.uid() AS uid)) AND (( SELECT private.my_role() AS my_role) = 'rep'::text)));

CREATE POLICY "Reps can delete their draft plans" ON public.visit_plans FOR DELETE TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) AND (status = 'draft'::text)));
