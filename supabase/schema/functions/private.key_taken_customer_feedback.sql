-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_customer_feedback' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.customer_feedback t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_customer_feedback(p_key integer, r public.customer_feedback) TO service_role;
