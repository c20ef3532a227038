-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.evaluations_due(p_as_of date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, code text, name text, area_id uuid, area_name text, area_manager_id uuid, area_manager_name text, grade text, last_evaluated_on date, due_on date, days_overdue integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  role text := (select private.my_role());
  d date := coalesce(p_as_of, private.company_today());
  v_months integer := private.evaluation_period_months();
begin
  if role is distinct from 'area_manager' and role is distinct from 'manager' then
    perform private.deny('only area managers and managers see the evaluations due',
                         '只有区域经理和销售经理可以查看待评价客户');
  end if;
  return query
  with lastev as (
    select e.customer_id, max(e.evaluated_on) as on_
      from public.evaluations e
     where e.deleted_at is null and e.evaluated_on <= d
     group by e.customer_id
  )
  select c.id, c.code, c.name, c.area_id, a.name, am.id, am.full_name, c.grade::text, l.on_,
         (l.on_ + make_interval(months => v_months))::date,
         case when l.on_ is null then null else d - (l.on_ + make_interval(months => v_months))::date end
    from public.customers c
    join public.areas a on a.id = c.area_id
    left join lastev l on l.customer_id = c.id
    left join lateral (
      select p.id, p.full_name from public.profiles p
       where p.role = 'area_manager' and p.active and p.area_id = c.area_id
       order by p.full_name limit 1) am on true
   where c.deleted_at is null and c.status in ('active', 'suspended')
     and (c.tier = 1 or l.on_ is not null)
     and c.id in (select private.staff_customer_ids())
     and (l.on_ is null or (l.on_ + make_interval(months => v_months))::date <= d)
   order by l.on_ nulls first, c.code;
end
$$;

REVOKE ALL ON FUNCTION public.evaluations_due(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluations_due(p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.evaluations_due(p_as_of date) TO service_role;
