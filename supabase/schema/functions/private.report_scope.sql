-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.report_scope(p_area_code text) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if p_area_code is null and private.report_sees_all() then
    return null;
  end if;
  return array(select r.id from private.report_customers(p_area_code) r);
end
$$;

REVOKE ALL ON FUNCTION private.report_scope(p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.report_scope(p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION private.report_scope(p_area_code text) TO service_role;
