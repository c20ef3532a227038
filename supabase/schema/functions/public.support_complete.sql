-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_complete(p_support_id uuid, p_done_on date, p_cost numeric DEFAULT 0, p_materials text DEFAULT NULL::text, p_outcome text DEFAULT NULL::text) RETURNS public.support_activities
    LANGUAGE plpgsql
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
      detail = '已评估或已取消的支援活动不能再记录完成';
  end if;
  if p_done_on is null then
    raise exception 'done_on is required' using errcode = '22023',
      detail = '请填写完成日期（done_on）';
  end if;
  perform private.check_support_fields(cur.kind, cur.title, null, p_done_on, coalesce(p_cost, -1));
  perform private.support_check_text(p_materials, 'materials', '提供物料');
  perform private.support_check_text(p_outcome, 'outcome', '效果');
  update public.support_activities s
     set status = 'done', done_on = p_done_on, cost = p_cost,
         materials = coalesce(nullif(btrim(coalesce(p_materials, '')), ''), s.materials),
         outcome = coalesce(nullif(btrim(coalesce(p_outcome, '')), ''), s.outcome)
   where s.id = cur.id
  returning * into row;
  if row.id is null then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.support_complete(p_support_id uuid, p_done_on date, p_cost numeric, p_materials text, p_outcome text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_complete(p_support_id uuid, p_done_on date, p_cost numeric, p_materials text, p_outcome text) TO authenticated;
GRANT ALL ON FUNCTION public.support_complete(p_support_id uuid, p_done_on date, p_cost numeric, p_materials text, p_outcome text) TO service_role;
