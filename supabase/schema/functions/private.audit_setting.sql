-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.audit_setting() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' and old.deleted_at is null then
    was := old.value;
  end if;
  if tg_op <> 'DELETE' and new.deleted_at is null then
    now_is := new.value;
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, old_value, new_value, changed_by)
  values (case when tg_op = 'DELETE' then old.key else new.key end, was, now_is, private.audit_actor());
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.audit_setting() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_setting() TO authenticated;
GRANT ALL ON FUNCTION private.audit_setting() TO service_role;
