-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_evaluations' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.evaluations t where (t.customer_id, t.evaluated_on) = (r.customer_id, r.evaluated_on))
    when 1 then exists (select from public.evaluations t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_evaluations(p_key integer, r public.evaluations) TO service_role;
