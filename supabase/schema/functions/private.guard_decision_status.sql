-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_decision_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    if new.status = 'done' and new.done_at is null then
      new.done_at := private.company_now();
    end if;
    return new;
  end if;
  if old.status = 'done' then
    raise exception 'the decision is already done' using errcode = '55000',
      detail = '该决议已完成，不能再修改';
  end if;
  if new.status is distinct from 'done' then
    raise exception 'a decision can only be marked done' using errcode = '22023',
      detail = '决议只能标记为已完成（status = done）';
  end if;
  new.done_at := private.company_now();
  new.done_by := (select auth.uid());
  new.done_note := nullif(btrim(coalesce(new.done_note, '')), '');
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_decision_status() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_decision_status() TO authenticated;
GRANT ALL ON FUNCTION private.guard_decision_status() TO service_role;
