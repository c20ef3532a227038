-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_conduct_flag_day() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if (select auth.uid()) is not null
     and (tg_op = 'INSERT' or new.flagged_on is distinct from old.flagged_on) then
    perform private.check_conduct_flag_day(new.flagged_on);
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_conduct_flag_day() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_conduct_flag_day() TO authenticated;
GRANT ALL ON FUNCTION private.guard_conduct_flag_day() TO service_role;
