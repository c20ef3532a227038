-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.competitor_reports ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.competitor_reports AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps correct competitor reports of their visits" ON public.competitor_reports FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = competitor_reports.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

CREATE POLICY "Reps report competitors on their visits" ON public.competitor_reports FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = competitor_reports.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Staff read competitor reports of their customers" ON public.competitor_reports FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
