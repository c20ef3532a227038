-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) RETURNS public.meetings
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  m public.meetings;
begin
  select * into m from public.meetings x where x.id = p_meeting_id and x.deleted_at is null;
  if not found or not ((select private.is_manager())
                       or ((select private.my_role()) = 'area_manager'
                           and m.area_id in (select private.my_area_ids()))) then
    raise exception 'meeting % not found', p_meeting_id using errcode = 'P0002',
      detail = '找不到该座谈会';
  end if;
  return m;
end
$$;

REVOKE ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.meeting_for_staff_edit(p_meeting_id uuid) TO service_role;
