-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.exec_visit_for_action(p_visit_id uuid) RETURNS public.executive_visits
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.executive_visits;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers record executive visits',
                         '只有区域经理和销售经理可以登记高层拜访');
  end if;
  if p_visit_id is null then
    raise exception 'visit_id is required' using errcode = '22023', detail = '缺少高层拜访编号';
  end if;
  select * into row from public.executive_visits v
   where v.id = p_visit_id and v.deleted_at is null for update;
  if not found or ((select private.my_role()) <> 'manager'
                   and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'executive visit % not found', p_visit_id using errcode = 'P0002',
      detail = '找不到该高层拜访';
  end if;
  if row.status <> 'planned' then
    raise exception 'the executive visit is already %', row.status using errcode = '55000',
      detail = '该高层拜访已完成或已取消，不能再变更';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.exec_visit_for_action(p_visit_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.exec_visit_for_action(p_visit_id uuid) TO service_role;
