-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.meetings_list(p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date) RETURNS TABLE(id uuid, area_id uuid, area_name text, kind text, held_on date, place text, agenda text, customers bigint, decisions bigint, open_decisions bigint, overdue_decisions bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_caller();
  return query
    select m.id, m.area_id, a.name, m.kind, m.held_on, m.place, m.agenda,
           (select count(*) from public.meeting_attendees x
             where x.meeting_id = m.id and x.customer_id is not null and x.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'),
           (select count(*) from public.meeting_decisions d
             where d.meeting_id = m.id and d.deleted_at is null and d.status = 'open'
               and d.due_on < private.company_today())
      from public.meetings m
      left join public.areas a on a.id = m.area_id
     where m.deleted_at is null
       and (p_from is null or m.held_on >= p_from) and (p_to is null or m.held_on <= p_to)
     order by m.held_on desc, m.created_at desc;
end
$$;

REVOKE ALL ON FUNCTION public.meetings_list(p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meetings_list(p_from date, p_to date) TO authenticated;
GRANT ALL ON FUNCTION public.meetings_list(p_from date, p_to date) TO service_role;
