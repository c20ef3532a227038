-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_notify_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  sev text;
begin
  if new.key = 'notify.min_severity' and (jsonb_typeof(new.value) <> 'string'
      or new.value #>> '{}' not in ('low', 'medium', 'high')) then
    raise exception 'notify.min_severity must be "low", "medium" or "high" (got %)', new.value
      using errcode = '22023', detail = '推送的最低严重程度必须是 low、medium 或 high';
  end if;
  if new.key = 'notify.max_tries' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 50) then
    raise exception 'notify.max_tries must be a whole number from 1 to 50 (got %)', new.value
      using errcode = '22023', detail = '推送最多尝试次数必须是1到50之间的整数';
  end if;
  if new.key = 'warning.due_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'warning.due_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '预警处理时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'warning.due_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '预警处理时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_notify_settings() FROM PUBLIC;
