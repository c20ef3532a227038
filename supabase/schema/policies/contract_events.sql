-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.contract_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.contract_events AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "Staff who read a contract can read its history" ON public.contract_events FOR SELECT TO authenticated USING ((( SELECT private.is_staff() AS is_staff) AND (contract_id IN ( SELECT c.id
   FROM public.contracts c))));
