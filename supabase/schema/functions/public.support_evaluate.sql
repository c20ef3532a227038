-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_evaluate(p_support_id uuid, p_score integer, p_note text DEFAULT NULL::text) RETURNS public.support_activities
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  cur public.support_activities;
  row public.support_activities;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager evaluates support',
                         '只有区域经理或销售经理可以评估支援效果');
  end if;
  cur := private.support_for_action(p_support_id);
  if cur.status not in ('done', 'evaluated') then
    raise exception 'only a done support activity is evaluated (it is %)', cur.status
      using errcode = '55000', detail = '支援活动完成后才能评估';
  end if;
  if p_score is null or p_score not between 1 and 5 then
    raise exception 'score must be a whole number from 1 to 5 (got %)', p_score
      using errcode = '22023', detail = '评分（score）必须是1到5的整数';
  end if;
  perform private.support_check_text(p_note, 'note', '评估说明');
  update public.support_activities s
     set status = 'evaluated', score = p_score,
         evaluation_note = nullif(btrim(coalesce(p_note, '')), ''),
         evaluated_by = who, evaluated_at = private.company_now()
   where s.id = cur.id
  returning * into row;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.support_evaluate(p_support_id uuid, p_score integer, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_evaluate(p_support_id uuid, p_score integer, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.support_evaluate(p_support_id uuid, p_score integer, p_note text) TO service_role;
