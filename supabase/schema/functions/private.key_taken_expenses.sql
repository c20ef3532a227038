-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_expenses' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.expenses t where (t.id) = (r.id))
    when 1 then exists (select from public.expenses t where (t.reference) = (r.reference))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_expenses(p_key integer, r public.expenses) TO service_role;
