-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_plan_stop() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  plan_status text;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  select p.status into plan_status from public.visit_plans p
  where p.id = coalesce(new.plan_id, old.plan_id);
  if plan_status not in ('draft', 'withdrawn', 'rejected') then
    raise exception 'the stops of a % plan cannot change', plan_status
      using errcode = '55000', detail = '已提交或已审批的计划不能修改拜访点';
  end if;
  return coalesce(new, old);
end
$$;

REVOKE ALL ON FUNCTION private.guard_plan_stop() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_stop() TO authenticated;
