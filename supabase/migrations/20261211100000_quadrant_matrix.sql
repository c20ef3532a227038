-- Issue 17, the quadrant matrix (客户分类矩阵): the latest classification of an area or the
-- company as volume x loyalty, for area managers (their areas) and managers (the company or a
-- chosen area). The classification itself is private.classify_customers_core
-- (20261127100000_warnings.sql); nothing here redefines it. Definitions: docs/warnings.md
-- ("The quadrant matrix"). Sections: 1 index, 2 the matrix, 3 grants.

-- 1 index ---------------------------------------------------------------------------------------

-- The latest run and the one before it are read by date; the customer's previous row by the
-- unique (customer_id, as_of) key.
create index if not exists customer_classifications_as_of_idx
  on public.customer_classifications (as_of);

-- 2 the matrix ----------------------------------------------------------------------------------

-- One customer's place: x = the percent rank of its 12-month volume among the customers of its
-- area and tier in the run (percent_rank, as classify_customers_core ranks volumes for grades),
-- y = its loyalty score, both from customer_classifications. The vertical cut line is
-- classification.volume_percentile on that axis for every (area, tier) at once, the horizontal
-- one classification.loyalty_cutoff. The run's quadrant is the truth: the classification cut
-- volumes at percentile_cont(volume_percentile), so tied volumes at the cut are large while
-- their percent rank is below it, and a setting changed since the run moves a line. Such a
-- point is drawn on the line it should be beyond (x or y clamped to the line), never across.
--
-- Payload: a company of 20,000 customers must reach a phone and be drawn in under 500 ms, so the
-- answer holds every point ([x, y, quadrant]) only while the scope has at most p_max_points
-- customers (default 2,000, at most 5,000; 0: always the grid); beyond that it holds a grid:
-- per quadrant, the 20 x 20 cells of the plot (x in twentieths, y in steps of 5) that have
-- customers, each as [mean x, mean y, quadrant, count] (a few hundred cells at most; means of
-- points of one quadrant stay on its side of the lines). mode says which ("points" or "grid").
-- Movers are the customers whose quadrant in the latest run differs from their own previous
-- classification (customer_classification_moves' rule), worst destination first (危险, 淘汰,
-- 培养, 核心), then the largest volume; the first p_max_movers of them (default 200) with the
-- total and the count per from → to pair. areas lists the caller's areas that have classified
-- customers (the filter). Security definer, scoped like warning_desk: managers every customer,
-- area managers the customers of their areas (private.my_area_ids); reps and dealers refused.
create or replace function public.quadrant_matrix(
  p_area_id uuid default null, p_max_points integer default 2000,
  p_max_movers integer default 200)
returns jsonb
language plpgsql stable security definer set search_path = '' set jit = off
as $$
declare
  -- the service side (service_role: reports, benchmarks) reads the company
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  role text;
  bins constant integer := 20;
  v_pct numeric;
  v_cut numeric;
  v_as_of date;
  v_prev date;
  v_scope uuid[];  -- the caller's areas (null: every area)
  v_shown uuid[];  -- the areas shown (null: every area)
  v_area_name text;
  result jsonb;
begin
  if api then
    perform private.require_staff();
    role := (select private.my_role());
    if role not in ('area_manager', 'manager') then
      perform private.deny('only an area manager or a manager sees the quadrant matrix',
                           '只有区域经理或销售经理可以查看客户分类矩阵');
    end if;
  end if;
  if p_max_points is null or p_max_points not between 0 and 5000 then
    raise exception 'p_max_points must be a whole number from 0 to 5000 (got %)', p_max_points
      using errcode = '22023', detail = '散点上限（p_max_points）必须是0到5000之间的整数';
  end if;
  if p_max_movers is null or p_max_movers not between 0 and 1000 then
    raise exception 'p_max_movers must be a whole number from 0 to 1000 (got %)', p_max_movers
      using errcode = '22023', detail = '变动客户上限（p_max_movers）必须是0到1000之间的整数';
  end if;
  if p_area_id is not null then
    select a.name into v_area_name from public.areas a
     where a.id = p_area_id and a.deleted_at is null;
    if not found then
      raise exception 'area % not found', p_area_id
        using errcode = 'P0002', detail = '找不到该区域（p_area_id）';
    end if;
  end if;
  if api and role = 'area_manager' then
    v_scope := array(select private.my_area_ids());
    if p_area_id is not null and not (p_area_id = any(v_scope)) then
      perform private.deny('an area manager sees the quadrant matrix of their own areas only',
                           '区域经理只能查看自己负责区域的客户分类');
    end if;
  end if;
  v_shown := v_scope;
  if p_area_id is not null then  -- the chosen area and the areas under it
    v_shown := array(
      with recursive tree as (
        select p_area_id as id
        union
        select a.id from public.areas a join tree t on a.parent_id = t.id
      )
      select t.id from tree t);
  end if;
  select (s.value #>> '{}')::numeric into v_pct from public.settings s
   where s.key = 'classification.volume_percentile' and s.deleted_at is null;
  select (s.value #>> '{}')::numeric into v_cut from public.settings s
   where s.key = 'classification.loyalty_cutoff' and s.deleted_at is null;
  -- runs classify every customer at once: the latest run is the latest date
  v_as_of := (select max(cc.as_of) from public.customer_classifications cc);
  v_prev := (select max(cc.as_of) from public.customer_classifications cc where cc.as_of < v_as_of);

  -- narrow rows (no names): names are read for the movers listed only
  with
  run as materialized (
    select cc.customer_id, cc.volume_12m, cc.loyalty_score, cc.quadrant, c.area_id,
           c.deleted_at is null as live,
           v_shown is null or c.area_id = any(v_shown) as shown,
           -- partitions are whole areas: the scope never cuts one
           -- ordered as float8: the same order as the numeric(16,2) volumes (at most 1e12, two
           -- decimals, stay distinct and ordered), and much quicker to sort
           percent_rank() over (partition by c.area_id, c.tier order by cc.volume_12m::float8)
             as pr
      from public.customer_classifications cc
      join public.customers c on c.id = cc.customer_id
     where cc.as_of = v_as_of and (v_scope is null or c.area_id = any(v_scope))
  ),
  pts as materialized (
    select r.customer_id, r.quadrant, r.volume_12m, r.loyalty_score,
           case when r.quadrant in ('core', 'dangerous') then greatest(r.pr, v_pct::float8)
                else least(r.pr, v_pct::float8) end as x,
           case when r.quadrant in ('core', 'cultivate') then greatest(r.loyalty_score, v_cut)
                else least(r.loyalty_score, v_cut) end as y
      from run r
     where r.live and r.shown
  ),
  total as (
    select count(*) as n from pts
  ),
  -- each customer's previous classification: the previous run's row, read at once (hashed);
  -- a customer missing from that run (suspended back to active, say) by its own latest before
  prev as (
    select pv.customer_id, pv.quadrant, pv.as_of
      from public.customer_classifications pv
     where pv.as_of = v_prev
    union all
    select p.customer_id, o.quadrant, o.as_of
      from pts p
      join public.customer_classifications o
        on o.customer_id = p.customer_id
       and o.as_of = (select max(y.as_of) from public.customer_classifications y
                       where y.customer_id = p.customer_id and y.as_of < v_prev)
     where not exists (select from public.customer_classifications x
                        where x.customer_id = p.customer_id and x.as_of = v_prev)
  ),
  movers as materialized (
    select p.customer_id, p.volume_12m, p.loyalty_score, pr.quadrant as from_quadrant,
           p.quadrant as to_quadrant, pr.as_of as previous_as_of,
           case p.quadrant when 'dangerous' then 0 when 'eliminate' then 1
                           when 'cultivate' then 2 else 3 end as rank_
      from pts p
      join prev pr on pr.customer_id = p.customer_id
     where pr.quadrant <> p.quadrant
  )
  select jsonb_build_object(
    'as_of', v_as_of,
    'previous_as_of', v_prev,
    'area_id', p_area_id,
    'area_name', v_area_name,
    'cuts', jsonb_build_object('volume_percentile', v_pct, 'loyalty_cutoff', v_cut),
    'total', (select n from total),
    'counts', (select jsonb_build_object(
                 'core', count(*) filter (where p.quadrant = 'core'),
                 'dangerous', count(*) filter (where p.quadrant = 'dangerous'),
                 'cultivate', count(*) filter (where p.quadrant = 'cultivate'),
                 'eliminate', count(*) filter (where p.quadrant = 'eliminate'))
                 from pts p),
    'mode', case when (select n from total) <= p_max_points then 'points' else 'grid' end,
    'bins', bins,
    'points', coalesce((
      select jsonb_agg(jsonb_build_array(round(p.x::numeric, 3), p.y, p.quadrant)
                       order by p.quadrant, p.x, p.y)
        from pts p where (select n from total) <= p_max_points), '[]'::jsonb),
    'cells', coalesce((
      select jsonb_agg(jsonb_build_array(round(g.x::numeric, 3), round(g.y, 1), g.quadrant, g.n)
                       order by g.quadrant, g.x, g.y)
        from (select p.quadrant, avg(p.x) as x, avg(p.y) as y, count(*) as n
                from pts p
               where (select n from total) > p_max_points
               group by p.quadrant, least(floor(p.x * bins), bins - 1),
                        least(floor(p.y * bins / 100), bins - 1)) g), '[]'::jsonb),
    'movers_total', (select count(*) from movers),
    'moves', coalesce((
      select jsonb_agg(jsonb_build_object('from', m.from_quadrant, 'to', m.to_quadrant, 'n', m.n)
                       order by m.n desc, m.from_quadrant, m.to_quadrant)
        from (select from_quadrant, to_quadrant, count(*) as n from movers
               group by from_quadrant, to_quadrant) m), '[]'::jsonb),
    'movers', coalesce((
      select jsonb_agg(jsonb_build_object(
               'customer_id', m.customer_id, 'code', c.code, 'name', c.name,
               'area_id', c.area_id, 'area_name', a.name, 'tier', c.tier,
               'from', m.from_quadrant, 'to', m.to_quadrant,
               'previous_as_of', m.previous_as_of, 'volume_12m', m.volume_12m,
               'loyalty', m.loyalty_score) order by m.rank_, m.volume_12m desc, m.customer_id)
        from (select mv.* from movers mv
               order by mv.rank_, mv.volume_12m desc, mv.customer_id
               limit p_max_movers) m
        join public.customers c on c.id = m.customer_id
        left join public.areas a on a.id = c.area_id), '[]'::jsonb),
    'areas', coalesce((
      select jsonb_agg(jsonb_build_object('id', x.area_id, 'name', a.name, 'customers', x.n)
                       order by a.name, x.area_id)
        from (select r.area_id, count(*) as n from run r where r.live group by r.area_id) x
        join public.areas a on a.id = x.area_id), '[]'::jsonb))
    into result;
  return result;
end
$$;

-- 3 grants --------------------------------------------------------------------------------------

revoke all on function public.quadrant_matrix(uuid, integer, integer) from public, anon;
grant execute on function public.quadrant_matrix(uuid, integer, integer)
  to authenticated, service_role;
