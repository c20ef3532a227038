-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.company_tz() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select s.value #>> '{}' from public.settings s
                    where s.key = 'company.timezone' and s.deleted_at is null), 'Asia/Shanghai')
$$;

REVOKE ALL ON FUNCTION private.company_tz() FROM PUBLIC;
GRANT ALL ON FUNCTION private.company_tz() TO authenticated;
GRANT ALL ON FUNCTION private.company_tz() TO service_role;
