-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.rebuild_purchase_months() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  n bigint;
begin
  lock table public.shipments in share mode;
  truncate private.purchase_months;
  insert into private.purchase_months (customer_id, product_id, month, lines, quantity, amount)
  select s.customer_id, s.product_id, date_trunc('month', s.shipped_on)::date, count(*),
         sum(s.quantity), sum(s.amount)
    from public.shipments s
   where s.deleted_at is null
   group by 1, 2, 3;
  get diagnostics n = row_count;
  return n;
end
$$;

REVOKE ALL ON FUNCTION private.rebuild_purchase_months() FROM PUBLIC;
