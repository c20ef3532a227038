-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.order_lines ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.order_lines AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Readers of an order can read its lines" ON public.order_lines FOR SELECT TO authenticated USING ((order_id IN ( SELECT o.id
   FROM public.orders o)));

CREATE POLICY "Reps can add lines to their draft orders" ON public.order_lines FOR INSERT TO authenticated WITH CHECK ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));

CREATE POLICY "Reps can change lines of their draft orders" ON public.order_lines FOR UPDATE TO authenticated USING ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));

CREATE POLICY "Reps can delete lines of their draft orders" ON public.order_lines FOR DELETE TO authenticated USING ((EXISTS ( SELECT
   FROM public.orders o
  WHERE ((o.id = order_lines.order_id) AND (o.rep_id = ( SELECT auth.uid() AS uid)) AND (o.status = 'draft'::text)))));
