-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_plan_submission() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') or new.status <> 'submitted'
     or (tg_op = 'UPDATE' and old.status = 'submitted') then
    return new;
  end if;
  if not exists (select from public.visit_plan_stops s
                  where s.plan_id = new.id and s.deleted_at is null) then
    raise exception 'a plan without stops cannot be submitted' using errcode = '22023',
      detail = '计划中没有拜访点，不能提交';
  end if;
  if exists (select from public.visit_plan_stops s
              where s.plan_id = new.id and s.deleted_at is null
                and s.visit_date not between new.week_start and new.week_start + 6) then
    raise exception 'stops fall outside the plan''s week of %', new.week_start
      using errcode = '22023', detail = '有拜访点不在计划所在的周内';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_plan_submission() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_submission() TO authenticated;
GRANT ALL ON FUNCTION private.guard_plan_submission() TO service_role;
