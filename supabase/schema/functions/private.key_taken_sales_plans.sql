-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_sales_plans' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.sales_plans t where (t.customer_id, t.product_id, t.month) = (r.customer_id, r.product_id, r.month))
    when 1 then exists (select from public.sales_plans t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_sales_plans(p_key integer, r public.sales_plans) TO service_role;
