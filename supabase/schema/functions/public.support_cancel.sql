-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_cancel(p_support_id uuid, p_reason text DEFAULT NULL::text) RETURNS public.support_activities
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  cur public.support_activities;
  row public.support_activities;
begin
  perform private.require_staff();
  cur := private.support_for_action(p_support_id);
  if cur.status not in ('planned', 'done') then
    raise exception 'the support activity is already %', cur.status using errcode = '55000',
      detail = '已评估或已取消的支援活动不能取消';
  end if;
  perform private.support_check_text(p_reason, 'reason', '取消原因');
  update public.support_activities s
     set status = 'cancelled', cancelled_at = private.company_now(),
         cancel_reason = nullif(btrim(coalesce(p_reason, '')), '')
   where s.id = cur.id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.support_cancel(p_support_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_cancel(p_support_id uuid, p_reason text) TO authenticated;
GRANT ALL ON FUNCTION public.support_cancel(p_support_id uuid, p_reason text) TO service_role;
