-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.case_sla_days(p_severity text) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'case.sla_days' and s.deleted_at is null),
                  case p_severity when 'high' then 1 when 'medium' then 3 else 7 end)
$$;

REVOKE ALL ON FUNCTION private.case_sla_days(p_severity text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.case_sla_days(p_severity text) TO authenticated;
GRANT ALL ON FUNCTION private.case_sla_days(p_severity text) TO service_role;
