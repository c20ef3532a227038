-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.products ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers can create products" ON public.products FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can delete products" ON public.products FOR DELETE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Managers can update products" ON public.products FOR UPDATE TO authenticated USING (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.products AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Signed-in people can read products" ON public.products FOR SELECT TO authenticated USING ((( SELECT private.my_role() AS my_role) IS NOT NULL));
