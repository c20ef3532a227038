-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb DEFAULT NULL::jsonb, p_comment text DEFAULT NULL::text, p_evaluation_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  role text := (select private.my_role());
  e public.evaluations;
  inds text[] := private.scorecard_indicators();
  i text;
  k text;
  v jsonb;
  label text;
  notes jsonb := '{}';
  was character;
  today date := private.company_today();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers score customers',
                         '只有区域经理和销售经理可以评价客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required: the customer to score' using errcode = '22023',
      detail = '请选择要评价的客户（p_customer_id）';
  end if;
  if not exists (select from public.customers c where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_evaluation_id is not null then
    select * into e from public.evaluations x where x.id = p_evaluation_id;
    if found then
      if e.customer_id <> p_customer_id or e.evaluator_id is distinct from (select auth.uid()) then
        raise exception 'p_evaluation_id names another scorecard' using errcode = '22023',
          detail = '评价编号（p_evaluation_id）已被另一份评价使用';
      end if;
      return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                                e.evaluated_on, 'score', e.score, 'grade', e.grade, 'repeated', true);
    end if;
  end if;
  if p_scores is null or jsonb_typeof(p_scores) <> 'object' then
    raise exception 'p_scores must be an object {indicator: 1..5} with the 13 indicators'
      using errcode = '22023', detail = '评分（p_scores）必须按13项指标逐项填写1到5分';
  end if;
  for k in select jsonb_object_keys(p_scores) loop
    if not (k = any (inds)) then
      raise exception 'p_scores has an unknown indicator %', left(k, 100) using errcode = '22023',
        detail = format('评分（p_scores）中没有这项指标：%s', left(k, 100));
    end if;
  end loop;
  foreach i in array inds loop
    select p.label_zh into label from private.setting_parts p where p.part = i;
    v := p_scores -> i;
    if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not in (1, 2, 3, 4, 5) then
      raise exception 'the score of % must be a whole number from 1 to 5 (got %)', i,
        coalesce(v::text, 'nothing') using errcode = '22023',
        detail = format('「%s」（%s）的评分必须是1到5的整数', label, i);
    end if;
  end loop;
  if p_notes is not null and jsonb_typeof(p_notes) <> 'null' then
    if jsonb_typeof(p_notes) <> 'object' then
      raise exception 'p_notes must be an object {indicator: note}' using errcode = '22023',
        detail = '指标备注（p_notes）必须按指标填写';
    end if;
    for k, v in select x.key, x.value from jsonb_each(p_notes) x loop
      if not (k = any (inds)) then
        raise exception 'p_notes has an unknown indicator %', left(k, 100) using errcode = '22023',
          detail = format('指标备注（p_notes）中没有这项指标：%s', left(k, 100));
      end if;
      select p.label_zh into label from private.setting_parts p where p.part = k;
      if jsonb_typeof(v) = 'null' or (jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = '') then
        continue;  -- an empty note is no note
      end if;
      if jsonb_typeof(v) <> 'string' or char_length(v #>> '{}') > 1000 then
        raise exception 'the note on % must be text of at most 1000 characters', k
          using errcode = '22023', detail = format('「%s」（%s）的备注必须是不超过1000字的文字', label, k);
      end if;
      notes := notes || jsonb_build_object(k, btrim(v #>> '{}'));
    end loop;
  end if;
  if char_length(p_comment) > 4000 then
    raise exception 'the comment (p_comment) is longer than 4000 characters' using errcode = '22023',
      detail = '评语（p_comment）不能超过4000字';
  end if;
  if exists (select from public.evaluations x where x.customer_id = p_customer_id
                and x.evaluated_on = today) then
    raise exception 'this customer was already scored today (%)', today using errcode = '55000',
      detail = '该客户今天已经评价过';
  end if;
  select c.grade into was from public.customers c where c.id = p_customer_id;
  insert into public.evaluations (id, customer_id, evaluator_id, evaluated_on, enthusiasm,
    flexibility, distribution_capacity, capital_strength, hot_brands, logistics, credit,
    social_relations, sales_management, network, promotion_ability, after_sales, relationship,
    comment, notes)
  values (coalesce(p_evaluation_id, gen_random_uuid()), p_customer_id, (select auth.uid()), today,
    (p_scores ->> 'enthusiasm')::smallint, (p_scores ->> 'flexibility')::smallint,
    (p_scores ->> 'distribution_capacity')::smallint, (p_scores ->> 'capital_strength')::smallint,
    (p_scores ->> 'hot_brands')::smallint, (p_scores ->> 'logistics')::smallint,
    (p_scores ->> 'credit')::smallint, (p_scores ->> 'social_relations')::smallint,
    (p_scores ->> 'sales_management')::smallint, (p_scores ->> 'network')::smallint,
    (p_scores ->> 'promotion_ability')::smallint, (p_scores ->> 'after_sales')::smallint,
    (p_scores ->> 'relationship')::smallint,
    nullif(btrim(coalesce(p_comment, '')), ''), nullif(notes, '{}'))
  returning * into e;
  return jsonb_build_object('id', e.id, 'customer_id', e.customer_id, 'evaluated_on',
                            e.evaluated_on, 'score', e.score, 'grade', e.grade,
                            'previous_grade', was, 'repeated', false);
end
$$;

REVOKE ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.submit_evaluation(p_customer_id uuid, p_scores jsonb, p_notes jsonb, p_comment text, p_evaluation_id uuid) TO service_role;
