-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_decide(p_case_id uuid, p_decision text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager decides a case',
                         '只有区域经理或销售经理可以作出处理决定');
  end if;
  if length(btrim(coalesce(p_decision, ''))) = 0 then
    raise exception 'a decision is required' using errcode = '22023', detail = '请填写处理决定';
  end if;
  if length(p_decision) > 4000 then
    raise exception 'the decision is longer than 4000 characters' using errcode = '22023',
      detail = '处理决定不能超过4000字';
  end if;
  update public.cases
     set decision = btrim(p_decision), decided_by = (select auth.uid()), decided_at = now(),
         status = case when status = 'open' then 'in_progress' else status end, updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', c.decision, true, was, c.status);
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) TO authenticated;
GRANT ALL ON FUNCTION public.case_decide(p_case_id uuid, p_decision text) TO service_role;
