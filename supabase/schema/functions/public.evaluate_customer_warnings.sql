-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  if p_customer_ids is null then
    raise exception 'p_customer_ids is required (use evaluate_warnings for every customer)'
      using errcode = '22004', detail = '必须指定客户编号列表';
  end if;
  return query select * from private.evaluate_warnings_core(p_customer_ids, p_as_of);
end
$$;

REVOKE ALL ON FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluate_customer_warnings(p_customer_ids uuid[], p_as_of date) TO service_role;
