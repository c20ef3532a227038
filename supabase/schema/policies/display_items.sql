-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.display_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Managers write display items" ON public.display_items TO authenticated USING (( SELECT private.is_manager() AS is_manager)) WITH CHECK (( SELECT private.is_manager() AS is_manager));

CREATE POLICY "Only active users get in" ON public.display_items AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff read display items" ON public.display_items FOR SELECT TO authenticated USING (( SELECT private.is_staff() AS is_staff));
