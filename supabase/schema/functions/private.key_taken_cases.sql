-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_cases(p_key integer, r public.cases) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_cases' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.cases t where (t.complaint_id) = (r.complaint_id))
    when 1 then exists (select from public.cases t where (t.confirmation_id) = (r.confirmation_id))
    when 2 then exists (select from public.cases t where (t.incident_id) = (r.incident_id))
    when 3 then exists (select from public.cases t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_cases(p_key integer, r public.cases) TO service_role;
