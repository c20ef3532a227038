-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.notify_channel_snapshot(ch public.notify_channels) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select jsonb_build_object(
    'name', ch.name, 'platform', ch.platform, 'area_id', ch.area_id,
    'area', (select a.name from public.areas a where a.id = ch.area_id),
    'webhook_ref', ch.webhook_ref, 'secret_ref', ch.secret_ref, 'active', ch.active)
$$;

REVOKE ALL ON FUNCTION private.notify_channel_snapshot(ch public.notify_channels) FROM PUBLIC;
