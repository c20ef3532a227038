-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.audit_warning_threshold() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  r public.warning_thresholds := case when tg_op = 'DELETE' then old else new end;
  was jsonb;
  now_is jsonb;
begin
  if tg_op <> 'INSERT' then
    was := to_jsonb(old.value);
  end if;
  if tg_op <> 'DELETE' then
    now_is := to_jsonb(new.value);
  end if;
  if tg_op = 'UPDATE' and was is not distinct from now_is then
    return null;
  end if;
  insert into public.setting_changes (setting_key, grade, customer_id, old_value, new_value, changed_by)
  values (r.setting_key, r.grade, r.customer_id, was, now_is, private.audit_actor());
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.audit_warning_threshold() FROM PUBLIC;
GRANT ALL ON FUNCTION private.audit_warning_threshold() TO authenticated;
GRANT ALL ON FUNCTION private.audit_warning_threshold() TO service_role;
