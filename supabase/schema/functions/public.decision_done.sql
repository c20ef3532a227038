-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.decision_done(p_decision_id uuid, p_note text DEFAULT NULL::text) RETURNS public.meeting_decisions
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  d public.meeting_decisions;
  row public.meeting_decisions;
begin
  perform private.require_staff();
  if p_decision_id is null then
    raise exception 'decision_id is required' using errcode = '22023',
      detail = '缺少决议编号（decision_id）';
  end if;
  perform private.meeting_check_text(p_note, false, 4000, 'note', '完成说明');
  select * into d from public.meeting_decisions x
   where x.id = p_decision_id and x.deleted_at is null;
  if not found then
    raise exception 'decision % not found', p_decision_id using errcode = 'P0002',
      detail = '找不到该决议';
  end if;
  if d.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  update public.meeting_decisions set status = 'done', done_note = p_note
   where id = p_decision_id
  returning * into row;
  if row.id is null then
    perform private.deny(
      'only the owner, the area manager of the meeting or a manager marks a decision done',
      '只有决议负责人、该区域经理或销售经理可以标记完成');
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.decision_done(p_decision_id uuid, p_note text) TO service_role;
