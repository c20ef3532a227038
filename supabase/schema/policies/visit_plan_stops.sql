-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.visit_plan_stops ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.visit_plan_stops AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Readers of a plan can read its stops" ON public.visit_plan_stops FOR SELECT TO authenticated USING ((plan_id IN ( SELECT p.id
   FROM public.visit_plans p)));

CREATE POLICY "Reps can add stops to their plans" ON public.visit_plan_stops FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Reps can delete stops of their plans" ON public.visit_plan_stops FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))));

CREATE POLICY "Reps can update stops of their plans" ON public.visit_plan_stops FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visit_plans p
  WHERE ((p.id = visit_plan_stops.plan_id) AND (p.rep_id = ( SELECT auth.uid() AS uid))))));
