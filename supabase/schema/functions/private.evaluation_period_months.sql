-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.evaluation_period_months() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'evaluation.period_months' and s.deleted_at is null), 3)
$$;

REVOKE ALL ON FUNCTION private.evaluation_period_months() FROM PUBLIC;
GRANT ALL ON FUNCTION private.evaluation_period_months() TO authenticated;
GRANT ALL ON FUNCTION private.evaluation_period_months() TO service_role;
