-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.todays_route(p_day date DEFAULT NULL::date) RETURNS TABLE(plan_id uuid, stop_id uuid, visit_date date, seq integer, customer_id uuid, customer_code text, customer_name text, address text, lat double precision, lng double precision, grade character)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  who uuid := private.require_caller();
  day date := coalesce(p_day, private.company_today());
begin
  return query
    select s.plan_id, s.id, s.visit_date, s.seq, s.customer_id, c.code, c.name, c.address,
           c.lat, c.lng, c.grade
    from public.visit_plan_stops s
    join public.visit_plans p on p.id = s.plan_id
    left join public.customers c on c.id = s.customer_id
    where p.rep_id = who and p.status = 'approved' and p.deleted_at is null
      and s.deleted_at is null and s.visit_date = day
    order by s.seq, p.decided_at, s.id;
end
$$;

REVOKE ALL ON FUNCTION public.todays_route(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.todays_route(p_day date) TO authenticated;
GRANT ALL ON FUNCTION public.todays_route(p_day date) TO service_role;
