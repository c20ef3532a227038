-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.visit_plan_decisions ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.visit_plan_decisions AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps and their approvers can read plan decisions" ON public.visit_plan_decisions FOR SELECT TO authenticated USING (((rep_id = ( SELECT auth.uid() AS uid)) OR (rep_id IN ( SELECT private.managed_rep_ids() AS managed_rep_ids))));
