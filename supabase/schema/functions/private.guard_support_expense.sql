-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_support_expense() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() > 1 then  -- written by private.support_expense_sync
    return new;
  end if;
  if new.support_activity_id is not null
     or (tg_op = 'UPDATE' and old.support_activity_id is not null) then
    raise exception 'the expense of a support activity follows the activity: change the activity'
      using errcode = '42501', detail = '辅导支援的费用随支援活动自动记录，请修改支援活动本身';
  end if;
  if upper(new.reference) like 'SUP-%' then
    raise exception 'expense references starting with SUP- belong to support activities (got %)',
      new.reference using errcode = '22023',
      detail = '费用编号（reference）以 SUP- 开头的是辅导支援自动记录的费用，不能另行录入';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_support_expense() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_support_expense() TO authenticated;
GRANT ALL ON FUNCTION private.guard_support_expense() TO service_role;
