-- Display compliance per store (issue 19: "POP present in 63 % of B-grade stores this month").
--
-- display_compliance's yes_pct is 100 × yes answers ÷ answers: a store visited three times counts
-- three times, so it cannot say "% of stores". Each row now also carries
--   stores_yes  the stores (customers) of the row whose LATEST answer to the item in the period is
--               yes — latest by the visit's check-in time, then the answer's updated_at, then its
--               id (so a tie still has one answer);
--   stores_pct  100 × stores_yes ÷ stores, one decimal.
-- Both only for yes/no items (null otherwise). yes_pct (answers) stays. The return type changes,
-- so the function is dropped and created again, with the original's grants.

drop function public.display_compliance(date, date, uuid);

-- THE display compliance figure: per template item and customer tier and grade, over live answers
-- at live visits checked in on company days p_from..p_to: how many visits answered it (answered),
-- in how many stores (stores), for yes/no items the stores whose latest answer is yes and their
-- share (stores_yes, stores_pct) and the yes answers and their share (yes_count, yes_pct), for
-- count items the average count (avg_count).
create function public.display_compliance(p_from date, p_to date, p_area_id uuid default null)
returns table (template_id uuid, template_name text, item_id uuid, item_label text, kind text,
               sort smallint, tier smallint, grade text, answered bigint, stores bigint,
               stores_yes bigint, stores_pct numeric, yes_count bigint, yes_pct numeric,
               avg_count numeric)
language plpgsql stable security definer set search_path = '' set jit = off
as $$
declare
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
         and (v.checkin_at at time zone private.company_tz())::date between p_from and p_to)
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

revoke all on function public.display_compliance(date, date, uuid) from public, anon;
grant execute on function public.display_compliance(date, date, uuid)
  to authenticated, service_role;
