-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_for_action(p_warning_id uuid) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.warnings;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into row from public.warnings w where w.id = p_warning_id for update;
  if not found or role not in ('rep', 'area_manager', 'manager')
     or (role <> 'manager' and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  if row.status = 'resolved' then
    raise exception 'a resolved warning stays resolved' using errcode = '55000',
      detail = '已解除的预警不能再处理';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.warning_for_action(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_for_action(p_warning_id uuid) TO service_role;
