-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.meeting_staff(p_area_id uuid) RETURNS TABLE(id uuid, full_name text, role text, area_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record meetings',
                         '只有区域经理和销售经理可以记录座谈会');
  end if;
  if p_area_id is null or not exists (select from public.areas a
                                       where a.id = p_area_id and a.deleted_at is null)
     or not ((select private.is_manager()) or p_area_id in (select private.my_area_ids())) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（area_id）';
  end if;
  return query
    with recursive below as (
      select p_area_id as id
      union select a.id from public.areas a join below b on a.parent_id = b.id),
    above as (
      select a.id, a.parent_id from public.areas a where a.id = p_area_id
      union select a.id, a.parent_id from public.areas a join above x on a.id = x.parent_id)
    select p.id, p.full_name, p.role, p.area_id from public.profiles p
     where p.active and (p.role = 'manager'
                         or (p.role in ('rep', 'area_manager')
                             and (p.area_id in (select b.id from below b)
                                  or p.area_id in (select x.id from above x))))
     order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name;
end
$$;

REVOKE ALL ON FUNCTION public.meeting_staff(p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.meeting_staff(p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.meeting_staff(p_area_id uuid) TO service_role;
