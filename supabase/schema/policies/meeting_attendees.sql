-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.meeting_attendees ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.meeting_attendees AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People read the attendees of meetings they may see" ON public.meeting_attendees FOR SELECT TO authenticated USING ((meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));
