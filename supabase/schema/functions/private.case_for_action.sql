-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_for_action(p_case_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.cases;
  role text := (select private.my_role());
begin
  perform private.require_caller();
  if p_case_id is null then
    raise exception 'p_case_id is required' using errcode = '22023', detail = '缺少售后单编号';
  end if;
  select * into row from public.cases c where c.id = p_case_id and c.deleted_at is null for update;
  if not found
     or (role = 'dealer' and (row.customer_id is distinct from (select private.my_customer_id())
                              or row.kind = 'incident'))
     or (role in ('rep', 'area_manager')
         and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  if row.status = 'closed' then
    raise exception 'this case is closed' using errcode = '55000', detail = '售后单已关闭';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.case_for_action(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_for_action(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_for_action(p_case_id uuid) TO service_role;
