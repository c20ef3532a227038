-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.exec_visit_cancel(p_visit_id uuid, p_reason text) RETURNS public.executive_visits
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v public.executive_visits;
  row public.executive_visits;
begin
  perform private.require_staff();
  v := private.exec_visit_for_action(p_visit_id);
  perform private.elimination_check_text(p_reason, true, 'reason', '取消原因');
  update public.executive_visits set status = 'cancelled', cancel_reason = btrim(p_reason)
   where id = v.id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.exec_visit_cancel(p_visit_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.exec_visit_cancel(p_visit_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.exec_visit_cancel(p_visit_id uuid, p_reason text) TO service_role;
