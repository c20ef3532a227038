-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.exec_visit_done(p_visit_id uuid, p_done_on date, p_outcome text) RETURNS public.executive_visits
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
  if p_done_on is null then
    raise exception 'done_on is required' using errcode = '22023',
      detail = '请填写拜访日期（done_on）';
  end if;
  if p_done_on < v.planned_on then
    raise exception 'done_on % is before the planned day %', p_done_on, v.planned_on
      using errcode = '22023', detail = '拜访日期（done_on）不能早于计划日期';
  end if;
  if p_done_on > private.company_today() then
    raise exception 'done_on % is in the future', p_done_on using errcode = '22023',
      detail = '拜访日期（done_on）不能晚于今天';
  end if;
  perform private.elimination_check_text(p_outcome, true, 'outcome', '拜访结果');
  update public.executive_visits
     set status = 'done', done_on = p_done_on, outcome = btrim(p_outcome)
   where id = v.id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.exec_visit_done(p_visit_id uuid, p_done_on date, p_outcome text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.exec_visit_done(p_visit_id uuid, p_done_on date, p_outcome text) TO authenticated;
GRANT ALL ON FUNCTION public.exec_visit_done(p_visit_id uuid, p_done_on date, p_outcome text) TO service_role;
