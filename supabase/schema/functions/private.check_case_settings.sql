-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_case_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  sev text;
begin
  if new.key = 'delivery.confirm_days' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 60) then
    raise exception 'delivery.confirm_days must be a whole number of days from 1 to 60 (got %)',
      new.value using errcode = '22023', detail = '到货确认天数必须是1到60之间的整数';
  end if;
  if new.key = 'case.sla_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'case.sla_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '售后时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'case.sla_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '售后时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_case_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_case_settings() TO authenticated;
GRANT ALL ON FUNCTION private.check_case_settings() TO service_role;
