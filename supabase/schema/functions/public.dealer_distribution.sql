-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer DEFAULT 90, p_as_of date DEFAULT private.company_today()) RETURNS TABLE(product_id uuid, sku text, product_name text, outlets integer, carrying integer, by_stock integer, by_orders integer, distribution_pct numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
begin
  perform private.chain_window(p_days, p_as_of);
  select * into cu from private.staff_ledger_customer(p_customer_id);
  return query
  select pr.id, pr.sku, pr.name, d.outlets, d.carrying, d.by_stock, d.by_orders,
         d.distribution_pct
    from private.distribution(p_as_of, p_days, array[cu.id]) d
    join public.products pr on pr.id = d.product_id
   order by d.carrying desc, pr.sku;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_distribution(p_customer_id uuid, p_days integer, p_as_of date) TO service_role;
