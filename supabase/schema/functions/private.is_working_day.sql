-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.is_working_day(p_day date) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce(
    (select (s.value -> p_day::text ->> 'kind') = 'workday' from public.settings s
      where s.key = 'calendar.days' and s.deleted_at is null and s.value ? p_day::text),
    (select sd.kind = 'workday' from private.statutory_days sd where sd.day = p_day),
    extract(isodow from p_day) < 6)
$$;

REVOKE ALL ON FUNCTION private.is_working_day(p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_working_day(p_day date) TO authenticated;
GRANT ALL ON FUNCTION private.is_working_day(p_day date) TO service_role;
