-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.competitor_summary(p_from date, p_to date, p_area_id uuid DEFAULT NULL::uuid) RETURNS TABLE(brand text, product text, reports bigint, stores bigint, avg_price numeric, min_price numeric, max_price numeric, avg_facings numeric, with_promotion bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  scope uuid[];
begin
  perform private.display_check_period(p_from, p_to);
  scope := private.display_scope(p_area_id);
  return query
    select r.brand, coalesce(r.product, ''), count(*), count(distinct r.customer_id),
           round(avg(r.shelf_price), 2), min(r.shelf_price), max(r.shelf_price),
           round(avg(r.facings), 1),
           count(*) filter (where length(btrim(coalesce(r.promotion, ''))) > 0)
      from public.competitor_reports r
     where r.deleted_at is null and r.customer_id = any (scope)
       and r.reported_on between p_from and p_to
     group by r.brand, coalesce(r.product, '')
     order by count(*) desc, r.brand, coalesce(r.product, '');
end
$$;

REVOKE ALL ON FUNCTION public.competitor_summary(p_from date, p_to date, p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.competitor_summary(p_from date, p_to date, p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.competitor_summary(p_from date, p_to date, p_area_id uuid) TO service_role;
