-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text DEFAULT NULL::text) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager confirms or refuses an elimination',
                         '只有销售经理可以确认或驳回淘汰申请');
  end if;
  e := private.elimination_for_action(p_elimination_id);
  if p_approved is null then
    raise exception 'p_approved is required (confirm or refuse)' using errcode = '22023',
      detail = '请选择确认或驳回（approved）';
  end if;
  perform private.elimination_check_text(p_note, not p_approved, 'note', '驳回说明');
  update public.customer_eliminations
     set status = case when p_approved then 'confirmed' else 'refused' end,
         decided_by = who, decided_at = private.company_now(),
         decision_note = nullif(btrim(coalesce(p_note, '')), '')
   where id = e.id
  returning * into row;
  if p_approved then
    update public.customers set status = 'eliminated' where id = e.customer_id;
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.decide_elimination(p_elimination_id uuid, p_approved boolean, p_note text) TO service_role;
