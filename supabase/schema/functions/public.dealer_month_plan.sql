-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) RETURNS TABLE(product_id uuid, sku text, name text, spec text, unit text, unit_price numeric, plan_quantity numeric, plan_amount numeric, schedule text, planned_support text, actual_quantity numeric, actual_amount numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  cu record;
  m0 date;
begin
  if p_month is null then
    raise exception 'p_month is required' using errcode = '22023', detail = '缺少月份';
  end if;
  select * into cu from private.staff_ledger_customer(p_customer_id);
  m0 := date_trunc('month', p_month)::date;
  return query
  with pl as (
    select p.product_id, p.quantity, p.amount, p.schedule, p.planned_support
      from public.sales_plans p
     where p.customer_id = cu.id and p.month = m0 and p.deleted_at is null
  ), sh as (
    select s.product_id, sum(s.quantity) as q, sum(s.amount) as amt
      from public.shipments s
     where s.customer_id = cu.id and s.deleted_at is null
       and s.shipped_on >= m0 and s.shipped_on < m0 + interval '1 month'
     group by 1
  )
  select pr.id, pr.sku, pr.name, pr.spec, pr.unit, pr.unit_price, pl.quantity, pl.amount,
         pl.schedule, pl.planned_support, coalesce(sh.q, 0), coalesce(sh.amt, 0)
    from public.products pr
    left join pl on pl.product_id = pr.id
    left join sh on sh.product_id = pr.id
   where pr.deleted_at is null and (pr.active or pl.product_id is not null or sh.product_id is not null)
   order by pr.sku;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_month_plan(p_customer_id uuid, p_month date) TO service_role;
