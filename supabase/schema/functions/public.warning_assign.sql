-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a warning',
                         '只有区域经理或销售经理可以指派预警');
  end if;
  if p_owner_id is null then
    raise exception 'p_owner_id is required' using errcode = '22023', detail = '请选择负责人（owner）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                    and p.role in ('rep', 'area_manager')) then
    raise exception 'owner % is not an active rep or area manager', p_owner_id
      using errcode = 'P0002', detail = '负责人（owner）必须是在职的业务员或区域经理';
  end if;
  if not private.staff_sees_customer(p_owner_id, w.customer_id) then
    raise exception 'the owner must serve this customer' using errcode = '22023',
      detail = '负责人（owner）必须是负责该客户的业务员或区域经理';
  end if;
  perform private.warning_check_note(p_note, false);
  if p_owner_id = w.owner_id then
    return w;
  end if;
  return private.warning_step(w, 'assigned', w.status, p_owner_id, p_note, '{}', null);
end
$$;

REVOKE ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_assign(p_warning_id uuid, p_owner_id uuid, p_note text) TO service_role;
