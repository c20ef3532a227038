-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.my_meeting_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select m.id from public.meetings m
   where (select private.is_manager())
      or ((select private.my_role()) = 'area_manager'
          and m.area_id in (select private.my_area_ids()))
  union
  select a.meeting_id from public.meeting_attendees a
   where ((select private.is_staff())
          and (a.customer_id in (select private.staff_customer_ids())
               or a.profile_id = (select auth.uid())))
      or a.customer_id = (select private.my_customer_id())
  union
  select d.meeting_id from public.meeting_decisions d
   where d.owner_id = (select auth.uid()) and (select private.is_staff())
$$;

REVOKE ALL ON FUNCTION private.my_meeting_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_meeting_ids() TO authenticated;
GRANT ALL ON FUNCTION private.my_meeting_ids() TO service_role;
