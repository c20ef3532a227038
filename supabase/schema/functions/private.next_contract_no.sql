-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.next_contract_no(p_code text, p_year integer) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  base text := format('HT%s-%s', p_year, left(p_code, 30));
  n int := 1;
  candidate text := base;
begin
  while exists (select from public.contracts c where c.contract_no = candidate) loop
    n := n + 1;
    candidate := base || '-' || n;
  end loop;
  return candidate;
end
$$;

REVOKE ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) TO authenticated;
GRANT ALL ON FUNCTION private.next_contract_no(p_code text, p_year integer) TO service_role;
