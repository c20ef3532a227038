-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.support_list(p_customer_id uuid DEFAULT NULL::uuid, p_area_id uuid DEFAULT NULL::uuid, p_status text DEFAULT NULL::text, p_from date DEFAULT NULL::date, p_to date DEFAULT NULL::date, p_limit integer DEFAULT 200) RETURNS TABLE(id uuid, customer_id uuid, customer_code text, customer_name text, area_name text, kind text, title text, status text, planned_on date, done_on date, cost numeric, materials text, outcome text, score smallint, evaluation_note text, owner_id uuid, owner_name text, visit_id uuid, photo_count bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  v_role text;
  v_dealer uuid;
  v_areas uuid[];
begin
  if api then
    perform private.require_caller();
    v_role := (select private.my_role());
    if v_role = 'dealer' then
      v_dealer := (select private.my_customer_id());
    elsif v_role not in ('rep', 'area_manager', 'manager') then
      perform private.deny('you may not see support activities', '无权查看辅导支援');
    end if;
  end if;
  if p_status is not null and p_status not in ('planned', 'done', 'evaluated', 'cancelled') then
    raise exception 'status % is not a support status', p_status using errcode = '22023',
      detail = '状态（p_status）无效';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'p_limit must be from 1 to 1000 (got %)', p_limit using errcode = '22023',
      detail = '条数上限（p_limit）必须在1到1000之间';
  end if;
  if v_role is distinct from 'dealer' and p_area_id is not null then
    v_areas := private.support_areas(p_area_id, api);
  end if;
  return query
  select s.id, s.customer_id, c.code, c.name, ar.name, s.kind, s.title, s.status, s.planned_on,
         s.done_on, s.cost, s.materials, s.outcome,
         case when v_dealer is null then s.score end,
         case when v_dealer is null then s.evaluation_note end,
         s.owner_id, pr.full_name, s.visit_id,
         (select count(*) from public.photos ph
           where s.visit_id is not null and ph.visit_id = s.visit_id and ph.deleted_at is null)
    from public.support_activities s
    join public.customers c on c.id = s.customer_id
    left join public.areas ar on ar.id = c.area_id
    left join public.profiles pr on pr.id = s.owner_id
   where s.deleted_at is null
     and (p_customer_id is null or s.customer_id = p_customer_id)
     and (v_areas is null or c.area_id = any(v_areas))
     and (p_status is null or s.status = p_status)
     and (p_from is null or coalesce(s.done_on, s.planned_on) >= p_from)
     and (p_to is null or coalesce(s.done_on, s.planned_on) <= p_to)
     and (not api
          or (v_role = 'dealer' and s.customer_id = v_dealer)
          or v_role = 'manager'
          or (v_role in ('rep', 'area_manager')
              and s.customer_id in (select private.staff_customer_ids())))
   order by coalesce(s.done_on, s.planned_on) desc nulls last, s.created_at desc
   limit p_limit;
end
$$;

REVOKE ALL ON FUNCTION public.support_list(p_customer_id uuid, p_area_id uuid, p_status text, p_from date, p_to date, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.support_list(p_customer_id uuid, p_area_id uuid, p_status text, p_from date, p_to date, p_limit integer) TO authenticated;
GRANT ALL ON FUNCTION public.support_list(p_customer_id uuid, p_area_id uuid, p_status text, p_from date, p_to date, p_limit integer) TO service_role;
