-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_visit_plan_stops' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.visit_plan_stops t where (t.id) = (r.id))
    when 1 then exists (select from public.visit_plan_stops t where (t.plan_id, t.visit_date, t.seq) = (r.plan_id, r.visit_date, r.seq))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_visit_plan_stops(p_key integer, r public.visit_plan_stops) TO service_role;
