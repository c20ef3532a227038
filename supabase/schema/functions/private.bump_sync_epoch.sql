-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.bump_sync_epoch() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update public.sync_meta set value = value + 1 where key = 'epoch' returning value
$$;

REVOKE ALL ON FUNCTION private.bump_sync_epoch() FROM PUBLIC;
