-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.notify_min_rank() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select private.severity_rank(coalesce((select s.value #>> '{}' from public.settings s
                                          where s.key = 'notify.min_severity'
                                            and s.deleted_at is null), 'high'))
$$;

REVOKE ALL ON FUNCTION private.notify_min_rank() FROM PUBLIC;
