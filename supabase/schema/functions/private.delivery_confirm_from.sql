-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.delivery_confirm_from() RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select coalesce((select (s.value #>> '{}')::date from public.settings s
                    where s.key = 'delivery.confirm_from' and s.deleted_at is null
                      and jsonb_typeof(s.value) = 'string'), '-infinity'::date)
$$;

REVOKE ALL ON FUNCTION private.delivery_confirm_from() FROM PUBLIC;
GRANT ALL ON FUNCTION private.delivery_confirm_from() TO authenticated;
GRANT ALL ON FUNCTION private.delivery_confirm_from() TO service_role;
