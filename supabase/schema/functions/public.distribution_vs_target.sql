-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.distribution_vs_target(p_dealer_id uuid, p_month date, p_days integer DEFAULT 90) RETURNS TABLE(product_id uuid, sku text, product_name text, target_pct numeric, actual_pct numeric, target_outlets integer, actual_outlets integer, outlets integer, gap_pct numeric, gap_outlets integer, met boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  as_of date;
begin
  if p_month is null or extract(day from p_month) <> 1 then
    raise exception 'month must be the first day of a month (got %)', p_month
      using errcode = '22023', detail = '月份（month）必须是某月1日';
  end if;
  as_of := least((p_month + interval '1 month - 1 day')::date, private.company_today());
  if as_of < p_month then
    as_of := p_month;  -- a month ahead: the figures as of its first day (nothing yet)
  end if;
  return query
  select d.product_id, d.sku, d.product_name, t.target_pct, coalesce(d.distribution_pct, 0),
         t.target_outlets, d.carrying, d.outlets,
         coalesce(d.distribution_pct, 0) - t.target_pct, d.carrying - t.target_outlets,
         case when t.id is not null
              then coalesce(d.distribution_pct, 0) >= t.target_pct
                   and d.carrying >= t.target_outlets end
    from public.dealer_distribution(p_dealer_id, p_days, as_of) d
    left join public.distribution_targets t
      on t.dealer_id = p_dealer_id and t.product_id = d.product_id and t.month = p_month
   order by t.id is null, d.sku;
end
$$;

REVOKE ALL ON FUNCTION public.distribution_vs_target(p_dealer_id uuid, p_month date, p_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.distribution_vs_target(p_dealer_id uuid, p_month date, p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.distribution_vs_target(p_dealer_id uuid, p_month date, p_days integer) TO service_role;
