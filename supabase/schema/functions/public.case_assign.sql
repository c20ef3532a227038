-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if role not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  if p_owner_id is null or not private.staff_sees_customer(p_owner_id, c.customer_id) then
    raise exception 'the owner must be active staff who serves this customer' using errcode = '22023',
      detail = '负责人必须是负责该客户的在职员工';
  end if;
  if p_owner_id is not distinct from c.owner_id then
    return c;
  end if;
  update public.cases
     set owner_id = p_owner_id,
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, owner_id, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'assigned', p_owner_id, was, c.status);
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_assign(p_case_id uuid, p_owner_id uuid) TO service_role;
