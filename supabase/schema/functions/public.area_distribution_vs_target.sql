-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.area_distribution_vs_target(p_area_id uuid, p_month date, p_days integer DEFAULT 90) RETURNS TABLE(product_id uuid, sku text, product_name text, target_pct numeric, actual_pct numeric, target_outlets integer, actual_outlets integer, outlets integer, dealers integer, gap_pct numeric, gap_outlets integer, met boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  as_of date;
  ids uuid[];
begin
  if api then
    perform private.require_staff();
  end if;
  if p_month is null or extract(day from p_month) <> 1 then
    raise exception 'month must be the first day of a month (got %)', p_month
      using errcode = '22023', detail = '月份（month）必须是某月1日';
  end if;
  if p_area_id is null or not exists (
      select from public.areas a
       where a.id = p_area_id and a.deleted_at is null
         and (not api or (select private.is_manager()) or a.id in (select private.my_area_ids()))) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域，或不在您的管辖范围（area_id）';
  end if;
  as_of := greatest(least((p_month + interval '1 month - 1 day')::date, private.company_today()),
                    p_month);
  with recursive tree as (
    select p_area_id as id
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id where a.deleted_at is null
  )
  select coalesce(array_agg(c.id), '{}') into ids
    from public.customers c
   where c.tier = 1 and c.deleted_at is null and c.area_id in (select id from tree);
  return query
  with actual as (
    select d.product_id, sum(d.outlets)::int as outlets, sum(d.carrying)::int as carrying,
           count(*)::int as dealers
      from private.distribution(as_of, p_days, ids) d
     group by d.product_id
  )
  select pr.id, pr.sku, pr.name, t.target_pct,
         coalesce(round(100.0 * a.carrying / nullif(a.outlets, 0), 1), 0),
         t.target_outlets, coalesce(a.carrying, 0), coalesce(a.outlets, 0),
         coalesce(a.dealers, 0),
         coalesce(round(100.0 * a.carrying / nullif(a.outlets, 0), 1), 0) - t.target_pct,
         coalesce(a.carrying, 0) - t.target_outlets,
         coalesce(round(100.0 * a.carrying / nullif(a.outlets, 0), 1), 0) >= t.target_pct
           and coalesce(a.carrying, 0) >= t.target_outlets
    from public.distribution_targets t
    join public.products pr on pr.id = t.product_id
    left join actual a on a.product_id = t.product_id
   where t.area_id = p_area_id and t.month = p_month
   order by pr.sku;
end
$$;

REVOKE ALL ON FUNCTION public.area_distribution_vs_target(p_area_id uuid, p_month date, p_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.area_distribution_vs_target(p_area_id uuid, p_month date, p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.area_distribution_vs_target(p_area_id uuid, p_month date, p_days integer) TO service_role;
