-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.stock_counts ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.stock_counts AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps can correct counts of their visits" ON public.stock_counts FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

CREATE POLICY "Reps can count stock on their visits" ON public.stock_counts FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Reps can delete counts of their visits" ON public.stock_counts FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = stock_counts.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

CREATE POLICY "Staff can read stock counts of their customers" ON public.stock_counts FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
