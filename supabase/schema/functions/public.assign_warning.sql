-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) RETURNS public.warnings
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  row public.warnings;
begin
  perform private.require_caller();
  if p_warning_id is null or p_owner_id is null then
    raise exception 'p_warning_id and p_owner_id are required' using errcode = '22023',
      detail = '缺少预警编号或负责人';
  end if;
  select * into row from public.warnings where id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  if not exists (select from public.profiles p
                 where p.id = p_owner_id and p.role in ('rep', 'area_manager', 'manager')
                   and p.active) then
    raise exception 'owner % is not an active staff member', p_owner_id using errcode = 'P0002',
      detail = '负责人不存在或不是在职员工';
  end if;
  update public.warnings set owner_id = p_owner_id where id = p_warning_id returning * into row;
  if not found then
    perform private.deny('you cannot assign this warning', '你无权指派该预警');
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.assign_warning(p_warning_id uuid, p_owner_id uuid) TO service_role;
