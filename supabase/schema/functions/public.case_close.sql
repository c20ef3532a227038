-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_close(p_case_id uuid, p_note text DEFAULT NULL::text) RETURNS public.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager') or c.owner_id = (select auth.uid())) then
    perform private.deny('only the case''s owner, an area manager or a manager closes a case',
                         '只有负责人、区域经理或销售经理可以关闭售后单');
  end if;
  if length(coalesce(p_note, '')) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  if c.kind = 'delivery_discrepancy' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'closing a delivery discrepancy needs a note saying what was done'
      using errcode = '22023', detail = '关闭到货差异单须写明处理结果';
  end if;
  update public.cases
     set status = 'closed', closed_at = now(), updated_at = now(),
         resolution = coalesce(nullif(btrim(p_note), ''), resolution)
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'closed', nullif(btrim(p_note), ''), was,
          'closed');
  return c;
end
$$;

REVOKE ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.case_close(p_case_id uuid, p_note text) TO service_role;
