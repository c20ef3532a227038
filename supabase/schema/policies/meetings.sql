-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.meetings ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.meetings AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People read the meetings they may see" ON public.meetings FOR SELECT TO authenticated USING ((id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));
