-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_due_days(p_severity text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'warning.due_days' and s.deleted_at is null),
                  case p_severity when 'high' then 3 when 'medium' then 7 else 14 end)
$$;

REVOKE ALL ON FUNCTION private.warning_due_days(p_severity text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_due_days(p_severity text) TO authenticated;
GRANT ALL ON FUNCTION private.warning_due_days(p_severity text) TO service_role;
