-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_staff(p_warning_id uuid) RETURNS TABLE(id uuid, full_name text, role text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role in ('rep', 'area_manager') and private.staff_sees_customer(p.id, w.customer_id)
   order by case p.role when 'rep' then 0 else 1 end, p.full_name, p.id;
end
$$;

REVOKE ALL ON FUNCTION public.warning_staff(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_staff(p_warning_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.warning_staff(p_warning_id uuid) TO service_role;
