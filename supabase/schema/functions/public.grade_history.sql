-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.grade_history(p_customer_id uuid) RETURNS TABLE(evaluation_id uuid, evaluated_on date, score numeric, grade text, evaluator_id uuid, evaluator_name text, comment text, scores jsonb, notes jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if coalesce((select private.my_role()), '') not in ('rep', 'area_manager', 'manager') then
    perform private.deny('only staff read grade histories', '只有公司员工可以查看客户评价记录');
  end if;
  if p_customer_id is null or not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null
         and c.id in (select private.staff_customer_ids())) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  return query
  select e.id, e.evaluated_on, e.score, e.grade::text, e.evaluator_id, p.full_name, e.comment,
         (select jsonb_object_agg(i, (to_jsonb(e) ->> i)::integer)
            from unnest(private.scorecard_indicators()) i),
         coalesce(e.notes, '{}')
    from public.evaluations e
    left join public.profiles p on p.id = e.evaluator_id
   where e.customer_id = p_customer_id and e.deleted_at is null
   order by e.evaluated_on desc, e.created_at desc;
end
$$;

REVOKE ALL ON FUNCTION public.grade_history(p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.grade_history(p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.grade_history(p_customer_id uuid) TO service_role;
