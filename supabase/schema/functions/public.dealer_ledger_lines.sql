-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) RETURNS TABLE(kind text, on_date date, reference text, line_no integer, sku text, product_name text, spec text, quantity numeric, unit_price numeric, amount numeric, balance_effect numeric, settlement_status text, seller_code text, status text)
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
  select * into cu from private.ledger_customer(p_customer_id);
  m0 := date_trunc('month', p_month)::date;
  return query
  select 'purchase'::text, s.shipped_on, s.doc_no, s.line_no, pr.sku, pr.name, pr.spec,
         s.quantity, s.unit_price, s.amount,
         case when s.seller_id is null then s.amount else 0 end, s.settlement_status,
         se.code, null::text
    from public.shipments s
    join public.products pr on pr.id = s.product_id
    left join public.customers se on se.id = s.seller_id
   where s.customer_id = cu.id and s.deleted_at is null
     and s.shipped_on >= m0 and s.shipped_on < m0 + interval '1 month'
  union all
  select 'payment', p.paid_on, p.reference, null, null, null, null, null, null, p.amount,
         -p.amount, null, null, p.method
    from public.payments p
   where p.customer_id = cu.id and p.deleted_at is null
     and p.paid_on >= m0 and p.paid_on < m0 + interval '1 month'
  union all
  select r.kind, r.decided_on, r.reference, null, pr.sku, pr.name, pr.spec, r.quantity, null,
         r.amount, -r.amount, null, null, r.status
    from public.returns r
    left join public.products pr on pr.id = r.product_id
   where r.customer_id = cu.id and r.deleted_at is null and r.kind in ('return', 'credit_note')
     and r.status in ('accepted', 'completed')
     and r.decided_on >= m0 and r.decided_on < m0 + interval '1 month'
  order by 2, 1 desc, 3, 4;
end
$$;

REVOKE ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) TO authenticated;
GRANT ALL ON FUNCTION public.dealer_ledger_lines(p_customer_id uuid, p_month date) TO service_role;
