-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
begin
  if c.kind in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'a % is resolved by sending the goods back (case_service_step)', c.kind
      using errcode = '55000', detail = '维修、调换包装和换货单在寄回后自动办结';
  end if;
  if c.kind = 'complaint' then
    raise exception 'a complaint is resolved by its answer to the customer' using errcode = '55000',
      detail = '投诉须答复客户后办结';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot be resolved', c.status using errcode = '55000',
      detail = '该售后单当前状态不能办结';
  end if;
  if length(btrim(coalesce(p_resolution, ''))) = 0 then
    raise exception 'say what was done (p_resolution)' using errcode = '22023',
      detail = '请填写处理结果';
  end if;
  if char_length(p_resolution) > 4000 then
    raise exception 'the resolution is longer than 4000 characters' using errcode = '22023',
      detail = '处理结果不能超过4000字';
  end if;
  update public.cases set status = 'resolved', resolution = btrim(p_resolution), updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'status', c.resolution, was, 'resolved',
          'resolved', private.company_today());
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) TO authenticated;
GRANT ALL ON FUNCTION public.case_resolve(p_case_id uuid, p_resolution text) TO service_role;
