-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[] DEFAULT '{}'::uuid[]) RETURNS public.meetings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  bad uuid;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null then
    raise exception 'area_id is required' using errcode = '22023', detail = '请选择区域（area_id）';
  end if;
  if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  if p_kind is null or p_kind not in ('quarterly', 'half_year', 'annual', 'ad_hoc') then
    raise exception 'kind must be quarterly, half_year, annual or ad_hoc (got %)', p_kind
      using errcode = '22023', detail = '会议类型（kind）必须是季度、半年度、年度或临时';
  end if;
  if p_held_on is null then
    raise exception 'held_on is required' using errcode = '22023', detail = '请填写会议日期（held_on）';
  end if;
  if p_held_on > private.company_today() + 366 or p_held_on < private.company_today() - 3660 then
    raise exception 'held_on % is out of range', p_held_on using errcode = '22023',
      detail = '会议日期（held_on）须在十年前到一年后之间';
  end if;
  perform private.meeting_check_text(p_place, false, 200, 'place', '地点');
  perform private.meeting_check_text(p_agenda, true, 4000, 'agenda', '议题');
  perform private.meeting_check_text(p_minutes, false, 4000, 'minutes', '会议纪要');
  if cardinality(coalesce(p_customer_ids, '{}')) = 0 then
    raise exception 'customer_ids: at least one customer attends' using errcode = '22023',
      detail = '请选择至少一位参会客户（customer_ids）';
  end if;
  if cardinality(p_customer_ids) > 500 or cardinality(coalesce(p_staff_ids, '{}')) > 100 then
    raise exception 'customer_ids, staff_ids: too many attendees' using errcode = '22023',
      detail = '参会客户最多500家，员工最多100人';
  end if;
  -- every customer: live, seen by the caller, of the meeting's area or an area under it
  select x into bad from unnest(p_customer_ids) x
   where x is null or not exists (
     select from public.customers c
      where c.id = x and c.deleted_at is null
        and ((select private.is_manager()) or c.id in (select private.staff_customer_ids()))
        and c.area_id in (with recursive tree as (
                            select p_area_id as id
                            union select a.id from public.areas a join tree t on a.parent_id = t.id)
                          select id from tree))
   limit 1;
  if found then
    raise exception 'customer % is not a customer of the area', bad using errcode = '22023',
      detail = '参会客户（customer_ids）须是该区域的客户';
  end if;
  select x into bad from unnest(coalesce(p_staff_ids, '{}')) x
   where x is null or not exists (select from public.profiles p where p.id = x and p.active
                                     and p.role in ('rep', 'area_manager', 'manager'))
   limit 1;
  if found then
    raise exception 'staff % is not active staff', bad using errcode = '22023',
      detail = '参会员工（staff_ids）须是在职的内部员工';
  end if;

  if p_meeting_id is null then
    insert into public.meetings (area_id, kind, held_on, place, agenda, minutes, created_by)
    values (p_area_id, p_kind, p_held_on, nullif(btrim(coalesce(p_place, '')), ''),
            btrim(p_agenda), nullif(btrim(coalesce(p_minutes, '')), ''), who)
    returning * into m;
  else
    perform private.meeting_for_staff_edit(p_meeting_id);
    update public.meetings
       set area_id = p_area_id, kind = p_kind, held_on = p_held_on,
           place = nullif(btrim(coalesce(p_place, '')), ''), agenda = btrim(p_agenda),
           minutes = nullif(btrim(coalesce(p_minutes, '')), '')
     where id = p_meeting_id
    returning * into m;
  end if;
  -- the attendees as given: gone ones tombstoned, returning ones revived, new ones added
  update public.meeting_attendees a set deleted_at = now()
   where a.meeting_id = m.id and a.deleted_at is null
     and not coalesce(a.customer_id = any(p_customer_ids)
                      or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  update public.meeting_attendees a set deleted_at = null
   where a.meeting_id = m.id and a.deleted_at is not null
     and coalesce(a.customer_id = any(p_customer_ids)
                  or a.profile_id = any(coalesce(p_staff_ids, '{}')), false);
  insert into public.meeting_attendees (meeting_id, customer_id)
  select m.id, x from (select distinct unnest(p_customer_ids) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.customer_id = s.x);
  insert into public.meeting_attendees (meeting_id, profile_id)
  select m.id, x from (select distinct unnest(coalesce(p_staff_ids, '{}')) x) s
   where not exists (select from public.meeting_attendees a
                      where a.meeting_id = m.id and a.profile_id = s.x);
  return m;
end
$$;

REVOKE ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) TO authenticated;
GRANT ALL ON FUNCTION public.meeting_save(p_meeting_id uuid, p_area_id uuid, p_kind text, p_held_on date, p_place text, p_agenda text, p_minutes text, p_customer_ids uuid[], p_staff_ids uuid[]) TO service_role;
