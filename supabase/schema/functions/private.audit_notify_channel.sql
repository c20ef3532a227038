-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.audit_notify_channel() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := private.notify_channel_snapshot(old);
  end if;
  if tg_op <> 'DELETE' then
    now_is := private.notify_channel_snapshot(new);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values ('notify.channel:' || (case when tg_op = 'DELETE' then old.id else new.id end)::text,
          was, now_is, private.audit_actor());
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.audit_notify_channel() FROM PUBLIC;
