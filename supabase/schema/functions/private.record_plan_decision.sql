-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.record_plan_decision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return null;
  end if;
  insert into public.visit_plan_decisions (plan_id, rep_id, decided_by, decided_at, decision, comment)
  values (new.id, new.rep_id, new.decided_by, new.decided_at, new.status, new.decision_comment);
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.record_plan_decision() FROM PUBLIC;
GRANT ALL ON FUNCTION private.record_plan_decision() TO authenticated;
