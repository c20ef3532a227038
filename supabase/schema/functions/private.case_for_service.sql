-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_for_service(p_case_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager handles a case',
                         '只有负责人、区域经理或销售经理可以处理售后单');
  end if;
  return c;
end
$$;

REVOKE ALL ON FUNCTION private.case_for_service(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_for_service(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.case_for_service(p_case_id uuid) TO service_role;
