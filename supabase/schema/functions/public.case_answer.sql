-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_answer(p_case_id uuid, p_answer text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager answers the customer',
                         '只有负责人、区域经理或销售经理可以答复客户');
  end if;
  if c.kind = 'incident' then
    raise exception 'an incident is internal: it has no answer to the customer'
      using errcode = '22023', detail = '重大变故为内部记录，无需答复客户';
  end if;
  if length(btrim(coalesce(p_answer, ''))) = 0 then
    raise exception 'an answer is required' using errcode = '22023', detail = '请填写答复内容';
  end if;
  if length(p_answer) > 4000 then
    raise exception 'the answer is longer than 4000 characters' using errcode = '22023',
      detail = '答复不能超过4000字';
  end if;
  update public.cases
     set answer = btrim(p_answer), answered_at = now(), updated_at = now(),
         status = case when kind = 'complaint' and status in ('open', 'in_progress')
                       then 'resolved' else status end
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'answered', c.answer, false, was, c.status);
  -- an answered complaint clears complaint_unanswered now, not at the next nightly run
  if c.kind = 'complaint' then
    perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
  end if;
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) TO authenticated;
GRANT ALL ON FUNCTION public.case_answer(p_case_id uuid, p_answer text) TO service_role;
