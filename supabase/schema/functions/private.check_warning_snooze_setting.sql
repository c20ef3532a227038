-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_warning_snooze_setting() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if jsonb_typeof(new.value) <> 'number'
     or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
     or (new.value #>> '{}')::numeric not between 1 and 365 then
    raise exception 'warning.snooze_days must be a whole number of days from 1 to 365 (got %)',
      new.value using errcode = '22023', detail = '预警暂缓天数必须是1到365之间的整数';
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_warning_snooze_setting() FROM PUBLIC;
