-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_snooze_days() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'warning.snooze_days' and s.deleted_at is null), 14)
$$;

REVOKE ALL ON FUNCTION private.warning_snooze_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_snooze_days() TO service_role;
