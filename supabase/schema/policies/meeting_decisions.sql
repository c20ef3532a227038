-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

ALTER TABLE public.meeting_decisions ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Only active users get in" ON public.meeting_decisions AS RESTRICTIVE TO authenticated USING (( SELECT private.active_user() AS active_user)) WITH CHECK (( SELECT private.active_user() AS active_user));

CREATE POLICY "People read the decisions of meetings they may see" ON public.meeting_decisions FOR SELECT TO authenticated USING ((meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids)));

CREATE POLICY "The owner, the area manager and managers mark a decision done" ON public.meeting_decisions FOR UPDATE TO authenticated USING (((owner_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_manager() AS is_manager) OR ((( SELECT private.my_role() AS my_role) = 'area_manager'::text) AND (meeting_id IN ( SELECT private.my_meeting_ids() AS my_meeting_ids))))) WITH CHECK (true);
