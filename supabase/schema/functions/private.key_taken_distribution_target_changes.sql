-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_distribution_target_changes(p_key integer, r public.distribution_target_changes) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_distribution_target_changes' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.distribution_target_changes t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_distribution_target_changes(p_key integer, r public.distribution_target_changes) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_distribution_target_changes(p_key integer, r public.distribution_target_changes) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_distribution_target_changes(p_key integer, r public.distribution_target_changes) TO service_role;
