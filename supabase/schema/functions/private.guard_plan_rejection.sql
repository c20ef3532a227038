-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_plan_rejection() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user in ('authenticated', 'anon') and new.status = 'rejected'
     and old.status <> 'rejected'
     and length(btrim(coalesce(new.decision_comment, ''))) = 0 then
    raise exception 'rejecting a plan needs a comment' using errcode = '22023',
      detail = '退回计划须填写意见';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_plan_rejection() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_plan_rejection() TO authenticated;
GRANT ALL ON FUNCTION private.guard_plan_rejection() TO service_role;
