-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.contract_lines ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Area managers can add lines to drafts of their area" ON public.contract_lines FOR INSERT TO authenticated WITH CHECK (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

CREATE POLICY "Area managers can edit lines of drafts of their area" ON public.contract_lines FOR UPDATE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

CREATE POLICY "Area managers can remove lines of drafts of their area" ON public.contract_lines FOR DELETE TO authenticated USING (((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c
  WHERE ((c.status = 'draft'::text) AND (c.customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))))));

CREATE POLICY "Managers can add contract lines" ON public.contract_lines FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete contract lines" ON public.contract_lines FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can update contract lines" ON public.contract_lines FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.contract_lines AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Readers of a contract can read its lines" ON public.contract_lines FOR SELECT TO authenticated USING ((contract_id IN ( SELECT c.id
   FROM public.contracts c)));
