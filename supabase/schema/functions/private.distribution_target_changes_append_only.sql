-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.distribution_target_changes_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception 'distribution_target_changes is append-only' using errcode = '42501',
    detail = '分销目标变更记录只能追加，不能修改或删除';
end
$$;

REVOKE ALL ON FUNCTION private.distribution_target_changes_append_only() FROM PUBLIC;
GRANT ALL ON FUNCTION private.distribution_target_changes_append_only() TO authenticated;
GRANT ALL ON FUNCTION private.distribution_target_changes_append_only() TO service_role;
