-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text DEFAULT NULL::text) RETURNS public.warnings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings := private.warning_for_action(p_warning_id);
begin
  if not ((select private.my_role()) in ('area_manager', 'manager')
          or w.owner_id = (select auth.uid())) then
    perform private.deny('only the warning''s owner, an area manager or a manager acknowledges it',
                         '只有预警负责人、区域经理或销售经理可以确认预警');
  end if;
  perform private.warning_check_note(p_note, false);
  if w.status = 'acknowledged' then
    return w;
  end if;
  if w.status <> 'open' then
    raise exception 'the warning is already under investigation' using errcode = '55000',
      detail = '预警已在调查中';
  end if;
  return private.warning_step(w, 'acknowledged', 'acknowledged', null, p_note, '{}', null);
end
$$;

REVOKE ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_acknowledge(p_warning_id uuid, p_note text) TO service_role;
