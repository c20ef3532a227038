-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_staff(p_case_id uuid) RETURNS TABLE(id uuid, full_name text, role text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  k public.cases;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role <> 'dealer' and private.staff_sees_customer(p.id, k.customer_id)
   order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name, p.id;
end
$$;

REVOKE ALL ON FUNCTION public.case_staff(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_staff(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_staff(p_case_id uuid) TO service_role;
