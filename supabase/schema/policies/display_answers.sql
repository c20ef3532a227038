-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.display_answers ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.display_answers AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Reps answer display checks on their visits" ON public.display_answers FOR INSERT TO authenticated WITH CHECK (((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = display_answers.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));

CREATE POLICY "Reps correct display answers of their visits" ON public.display_answers FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.visits v
  WHERE ((v.id = display_answers.visit_id) AND (v.rep_id = ( SELECT auth.uid() AS uid))))));

CREATE POLICY "Staff read display answers of their customers" ON public.display_answers FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids))));
