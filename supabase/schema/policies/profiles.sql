-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.profiles AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People can read their own profile and staff can read colleagues" ON public.profiles FOR SELECT TO authenticated USING (((id = ( SELECT auth.uid() AS uid)) OR (( SELECT private.is_staff() AS is_staff) AND (role <> 'dealer'::text)) OR (( SELECT private.is_staff() AS is_staff) AND (customer_id IN ( SELECT private.staff_customer_ids() AS staff_customer_ids)))));

CREATE POLICY "People can update their own name and phone" ON public.profiles FOR UPDATE TO authenticated USING ((id = ( SELECT auth.uid() AS uid)));
