-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.quadrant_matrix(p_area_id uuid DEFAULT NULL::uuid, p_max_points integer DEFAULT 2000, p_max_movers integer DEFAULT 200) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) TO authenticated;
GRANT ALL ON FUNCTION public.quadrant_matrix(p_area_id uuid, p_max_points integer, p_max_movers integer) TO service_role;
