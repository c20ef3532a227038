-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_contract_lines' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.contract_lines t where (t.contract_id, t.line_no) = (r.contract_id, r.line_no))
    when 1 then exists (select from public.contract_lines t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_contract_lines(p_key integer, r public.contract_lines) TO service_role;
