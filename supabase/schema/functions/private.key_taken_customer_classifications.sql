-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_classifications' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_classifications t where (t.customer_id, t.as_of) = (r.customer_id, r.as_of))
    when 1 then exists (select from public.customer_classifications t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_classifications(p_key integer, r public.customer_classifications) TO service_role;
