-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date DEFAULT NULL::date, p_note text DEFAULT NULL::text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
  today date := private.company_today();
  day date := coalesce(p_on, today);
  note text := nullif(btrim(p_note), '');
  opened date;
begin
  if c.kind not in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'only repairs, packaging exchanges and exchanges have service steps (this is a %)',
      c.kind using errcode = '55000', detail = '只有维修、调换包装和换货单有收货、处理、寄回步骤';
  end if;
  if p_step is null or p_step not in ('received', 'done', 'sent_back') then
    raise exception 'p_step must be received, done or sent_back (got %)', coalesce(p_step, 'nothing')
      using errcode = '22023', detail = '步骤只能是收货、处理完成或寄回';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot take a service step', c.status using errcode = '55000',
      detail = case c.status when 'awaiting_approval' then '该申请尚待审批，不能处理'
                             else '该售后单当前状态不能处理' end;
  end if;
  if p_step = 'received' and c.received_on is not null then
    raise exception 'the goods were already received on %', c.received_on using errcode = '55000',
      detail = '已登记收货，不能重复';
  end if;
  if p_step = 'done' and (c.received_on is null or c.work_done is not null) then
    raise exception '%', case when c.received_on is null then 'receive the goods first (step received)'
                              else 'what was done is already recorded' end
      using errcode = '55000', detail = case when c.received_on is null then '请先登记收货'
                                             else '已登记处理结果，不能重复' end;
  end if;
  if p_step = 'sent_back' and c.work_done is null then
    raise exception 'record what was done first (step done)' using errcode = '55000',
      detail = '请先登记处理结果';
  end if;
  if day > today then
    raise exception 'the date % is in the future', day using errcode = '22023',
      detail = '日期不能晚于今天';
  end if;
  opened := (c.opened_at at time zone private.company_tz())::date;
  if day < coalesce(case p_step when 'received' then opened when 'done' then c.received_on
                                else c.done_on end, day) then
    raise exception 'the date % is before the step before it (%)', day,
      case p_step when 'received' then opened when 'done' then c.received_on else c.done_on end
      using errcode = '22023', detail = '日期不能早于上一步的日期';
  end if;
  if p_step = 'done' and note is null then
    raise exception 'say what was done (p_note)' using errcode = '22023', detail = '请填写处理内容';
  end if;
  if char_length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  update public.cases
     set received_on = case when p_step = 'received' then day else received_on end,
         done_on = case when p_step = 'done' then day else done_on end,
         work_done = case when p_step = 'done' then note else work_done end,
         sent_back_on = case when p_step = 'sent_back' then day else sent_back_on end,
         status = case p_step when 'received' then 'in_progress' when 'sent_back' then 'resolved'
                              else status end,
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()),
          case when c.status <> was then 'status' else 'note' end, note, was, c.status, p_step, day);
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.case_service_step(p_case_id uuid, p_step text, p_on date, p_note text) TO service_role;
