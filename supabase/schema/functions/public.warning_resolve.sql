-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager resolves a warning',
                         '只有区域经理或销售经理可以解除预警');
  end if;
  if p_category is null or p_category not in ('collected', 'plan_adjusted', 'supply_stopped',
                                              'false_alarm', 'other') then
    raise exception 'category must be collected, plan_adjusted, supply_stopped, false_alarm or other'
      using errcode = '22023',
      detail = '处理结果（category）只能是收回欠款、调整计划、停止供货、误报或其他';
  end if;
  perform private.warning_check_note(p_note, true);
  return private.warning_step(w, 'resolved', 'resolved', null, p_note, '{}', p_category);
end
$$;

REVOKE ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_resolve(p_warning_id uuid, p_category text, p_note text) TO service_role;
