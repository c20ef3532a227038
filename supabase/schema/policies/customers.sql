-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can delete customers" ON public.customers FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.customers AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff can create customers in their areas" ON public.customers FOR INSERT TO authenticated WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids)))));

CREATE POLICY "Staff can read the customers they look after" ON public.customers FOR SELECT TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR (owner_chain @> ARRAY[( SELECT auth.uid() AS uid)]) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids)))));

CREATE POLICY "Staff can update the customers they look after" ON public.customers FOR UPDATE TO authenticated USING ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid))))) WITH CHECK ((( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (area_id IN ( SELECT private.my_area_ids() AS my_area_ids))) OR ((( SELECT private.my_role() AS my_role) = 'rep'::text) AND (owner_id = ( SELECT auth.uid() AS uid)))));
