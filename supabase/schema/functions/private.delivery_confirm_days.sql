-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.delivery_confirm_days() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::integer from public.settings s
                    where s.key = 'delivery.confirm_days' and s.deleted_at is null), 3)
$$;

REVOKE ALL ON FUNCTION private.delivery_confirm_days() FROM PUBLIC;
GRANT ALL ON FUNCTION private.delivery_confirm_days() TO authenticated;
GRANT ALL ON FUNCTION private.delivery_confirm_days() TO service_role;
