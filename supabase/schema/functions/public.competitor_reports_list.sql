-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.competitor_reports_list(p_from date, p_to date, p_area_id uuid DEFAULT NULL::uuid, p_search text DEFAULT NULL::text) RETURNS TABLE(id uuid, reported_on date, customer_id uuid, customer_name text, area_name text, brand text, product text, shelf_price numeric, promotion text, facings integer, photo_id uuid, reported_by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  scope uuid[];
  q text := nullif(btrim(coalesce(p_search, '')), '');
begin
  perform private.display_check_period(p_from, p_to);
  if length(q) > 200 then
    raise exception 'p_search is longer than 200 characters' using errcode = '22023',
      detail = '搜索词（p_search）不能超过200字';
  end if;
  scope := private.display_scope(p_area_id);
  return query
    select r.id, r.reported_on, r.customer_id, c.name, a.name, r.brand, r.product, r.shelf_price,
           r.promotion, r.facings, r.photo_id, p.full_name
      from public.competitor_reports r
      join public.customers c on c.id = r.customer_id
      join public.areas a on a.id = c.area_id
      left join public.profiles p on p.id = r.reported_by
     where r.deleted_at is null and r.customer_id = any (scope)
       and r.reported_on between p_from and p_to
       and (q is null or strpos(lower(r.brand || ' ' || coalesce(r.product, '') || ' ' || c.name),
                                lower(q)) > 0)
     order by r.reported_on desc, c.name, r.brand
     limit 500;
end
$$;

REVOKE ALL ON FUNCTION public.competitor_reports_list(p_from date, p_to date, p_area_id uuid, p_search text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.competitor_reports_list(p_from date, p_to date, p_area_id uuid, p_search text) TO authenticated;
GRANT ALL ON FUNCTION public.competitor_reports_list(p_from date, p_to date, p_area_id uuid, p_search text) TO service_role;
