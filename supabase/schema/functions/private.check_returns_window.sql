-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_returns_window() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  g text;
begin
  if jsonb_typeof(new.value) <> 'object'
     or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
        is distinct from array['A', 'B', 'C', 'D'] then
    raise exception 'returns.window_days must be {"A": days, "B": days, "C": days, "D": days} (got %)',
      new.value using errcode = '22023', detail = '退换货期限必须按客户等级（A、B、C、D）填写天数';
  end if;
  foreach g in array array['A', 'B', 'C', 'D'] loop
    if jsonb_typeof(new.value -> g) <> 'number'
       or (new.value ->> g)::numeric <> trunc((new.value ->> g)::numeric)
       or (new.value ->> g)::numeric not between 0 and 3650 then
      raise exception 'returns.window_days.% must be a whole number of days from 0 to 3650 (got %)',
        g, new.value -> g using errcode = '22023', detail = '退换货期限天数必须是0到3650之间的整数';
    end if;
  end loop;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.check_returns_window() FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_returns_window() TO authenticated;
GRANT ALL ON FUNCTION private.check_returns_window() TO service_role;
