-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_compliance(p_from date, p_to date, p_area_id uuid DEFAULT NULL::uuid) RETURNS TABLE(template_id uuid, template_name text, item_id uuid, item_label text, kind text, sort smallint, tier smallint, grade text, answered bigint, stores bigint, stores_yes bigint, stores_pct numeric, yes_count bigint, yes_pct numeric, avg_count numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  tz text := private.company_tz();
  scope uuid[];
begin
  perform private.display_check_period(p_from, p_to);
  scope := private.display_scope(p_area_id);
  return query
    with answers as (
      select a.item_id, a.customer_id, a.yes_value, a.count_value,
             row_number() over (partition by a.item_id, a.customer_id
                                order by v.checkin_at desc, a.updated_at desc, a.id desc) = 1
               as latest
        from public.display_answers a
        join public.visits v on v.id = a.visit_id and v.deleted_at is null
       where a.deleted_at is null and a.customer_id = any (scope)
         and (v.checkin_at at time zone tz)::date between p_from and p_to)
    select t.id, t.name, i.id, i.label, i.kind, i.sort, c.tier,
           coalesce(c.grade::text, '-'),
           count(*), count(distinct a.customer_id),
           case when i.kind = 'yes_no'
                then count(*) filter (where a.latest and a.yes_value) end,
           case when i.kind = 'yes_no'
                then round(100.0 * count(*) filter (where a.latest and a.yes_value)
                           / count(distinct a.customer_id), 1) end,
           count(*) filter (where a.yes_value),
           case when i.kind = 'yes_no'
                then round(100.0 * count(*) filter (where a.yes_value) / count(*), 1) end,
           case when i.kind = 'count' then round(avg(a.count_value), 2) end
      from answers a
      join public.display_items i on i.id = a.item_id
      join public.display_templates t on t.id = i.template_id
      join public.customers c on c.id = a.customer_id
     group by t.id, t.name, i.id, i.label, i.kind, i.sort, c.tier, c.grade
     order by t.name, i.sort, i.label, c.tier, coalesce(c.grade::text, '-');
end
$$;

REVOKE ALL ON FUNCTION public.display_compliance(p_from date, p_to date, p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_compliance(p_from date, p_to date, p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.display_compliance(p_from date, p_to date, p_area_id uuid) TO service_role;
