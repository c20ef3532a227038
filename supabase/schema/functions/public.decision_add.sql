-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) RETURNS public.meeting_decisions
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  m public.meetings;
  row public.meeting_decisions;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers add decisions',
                         '只有区域经理和销售经理可以添加决议');
  end if;
  if p_meeting_id is null then
    raise exception 'meeting_id is required' using errcode = '22023',
      detail = '缺少座谈会编号（meeting_id）';
  end if;
  m := private.meeting_for_staff_edit(p_meeting_id);
  perform private.meeting_check_text(p_body, true, 4000, 'body', '决议内容');
  if p_owner_id is null then
    raise exception 'owner_id is required: every decision has an owner' using errcode = '22023',
      detail = '请指定决议负责人（owner_id）';
  end if;
  if not exists (select from public.profiles p where p.id = p_owner_id and p.active
                   and p.role in ('rep', 'area_manager', 'manager')) then
    raise exception 'owner % is not active staff', p_owner_id using errcode = '22023',
      detail = '决议负责人（owner_id）须是在职的内部员工';
  end if;
  if p_due_on is null then
    raise exception 'due_on is required: every decision has a due date' using errcode = '22023',
      detail = '请填写决议完成期限（due_on）';
  end if;
  if p_due_on < m.held_on or p_due_on > m.held_on + 3660 then
    raise exception 'due_on % must be on or after the meeting (%) and within ten years',
      p_due_on, m.held_on using errcode = '22023',
      detail = '完成期限（due_on）不能早于会议日期，也不能超过十年';
  end if;
  insert into public.meeting_decisions (meeting_id, body, owner_id, due_on, created_by)
  values (m.id, btrim(p_body), p_owner_id, p_due_on, who)
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) TO authenticated;
GRANT ALL ON FUNCTION public.decision_add(p_meeting_id uuid, p_body text, p_owner_id uuid, p_due_on date) TO service_role;
