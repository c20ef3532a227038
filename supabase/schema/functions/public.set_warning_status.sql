-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings;
begin
  if p_warning_id is null then
    perform private.require_caller();
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  if p_status is null or p_status not in ('acknowledged', 'investigating', 'resolved') then
    perform private.require_caller();
    raise exception 'p_status must be acknowledged, investigating or resolved'
      using errcode = '22023', detail = '状态只能是 acknowledged（已确认）、investigating（调查中）或 resolved（已解除）';
  end if;
  if p_status = 'resolved' then
    w := private.warning_for_action(p_warning_id);
    if (select private.my_role()) not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager resolves a warning',
                           '只有区域经理或销售经理可以解除预警');
    end if;
    return public.warning_resolve(p_warning_id, 'other', p_note);
  end if;
  if p_status = 'acknowledged' then
    return public.warning_acknowledge(p_warning_id, p_note);
  end if;
  w := private.warning_for_action(p_warning_id);
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('you cannot change this warning', '你无权处理该预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'investigating' and p_note is null then
    return w;
  end if;
  return private.warning_step(w, case when nullif(btrim(coalesce(p_note, '')), '') is null
                                      then 'investigating' else 'note' end,
                              'investigating', null, p_note, '{}', null);
end
$$;

REVOKE ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.set_warning_status(p_warning_id uuid, p_status text, p_note text) TO service_role;
