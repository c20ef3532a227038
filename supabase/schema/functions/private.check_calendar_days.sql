-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_calendar_days() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  k text;
  v jsonb;
  d date;
begin
  if new.key <> 'calendar.days' then
    return new;
  end if;
  if jsonb_typeof(new.value) <> 'object' then
    raise exception 'calendar.days must be an object of days (got %)', jsonb_typeof(new.value)
      using errcode = '22023', detail = '工作日历（calendar.days）必须是“日期 → 类型”的对象';
  end if;
  for k, v in select * from jsonb_each(new.value) loop
    begin
      d := k::date;
    exception when others then
      d := null;
    end;
    if d is null or k !~ '^\d{4}-\d{2}-\d{2}$' then
      raise exception 'calendar.days: % is not a date (YYYY-MM-DD)', k
        using errcode = '22023', detail = format('工作日历：日期 %s 无效（应为 YYYY-MM-DD）', k);
    end if;
    if jsonb_typeof(v) <> 'object' or coalesce(v ->> 'kind', '') not in ('holiday', 'workday') then
      raise exception 'calendar.days: % needs kind holiday or workday (got %)', k, v
        using errcode = '22023',
        detail = format('工作日历：%s 的类型须为 holiday（休）或 workday（班）', k);
    end if;
    if v ? 'note' and (jsonb_typeof(v -> 'note') <> 'string' or char_length(v ->> 'note') > 200) then
      raise exception 'calendar.days: the note of % must be text of at most 200 characters', k
        using errcode = '22023', detail = format('工作日历：%s 的备注应为最多 200 字的文字', k);
    end if;
  end loop;
  return new;
end
$_$;

REVOKE ALL ON FUNCTION private.check_calendar_days() FROM PUBLIC;
