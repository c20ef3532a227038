-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.distribution_target_set(p_product_id uuid, p_month date, p_target_pct numeric, p_target_outlets integer, p_dealer_id uuid DEFAULT NULL::uuid, p_area_id uuid DEFAULT NULL::uuid) RETURNS public.distribution_targets
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_staff();
  mgr boolean := (select private.my_role()) = 'manager';
  row public.distribution_targets;
begin
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers set distribution targets',
                         '只有区域经理和销售经理可以设定分销目标');
  end if;
  if (p_dealer_id is null) = (p_area_id is null) then
    raise exception 'give either dealer_id or area_id' using errcode = '22023',
      detail = '请选择经销商（dealer_id）或区域（area_id）之一';
  end if;
  if p_dealer_id is not null then
    if not exists (select from public.customers c
                    where c.id = p_dealer_id and c.deleted_at is null
                      and (mgr or c.id in (select private.staff_customer_ids()))) then
      raise exception 'dealer % not found', p_dealer_id using errcode = 'P0002',
        detail = '找不到该经销商';
    end if;
    if not exists (select from public.customers c where c.id = p_dealer_id and c.tier = 1) then
      raise exception 'dealer_id must be a dealer (tier 1)' using errcode = '22023',
        detail = '经销商（dealer_id）必须是一级经销商';
    end if;
  else
    if not exists (select from public.areas a
                    where a.id = p_area_id and a.deleted_at is null
                      and (mgr or a.id in (select private.my_area_ids()))) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域';
    end if;
  end if;
  if p_product_id is null or not exists (select from public.products p
                                          where p.id = p_product_id and p.deleted_at is null) then
    raise exception 'product % not found', p_product_id using errcode = '22023',
      detail = '产品（product_id）不存在';
  end if;
  if p_month is null or extract(day from p_month) <> 1 then
    raise exception 'month must be the first day of a month (got %)', p_month
      using errcode = '22023', detail = '月份（month）必须是某月1日';
  end if;
  if p_target_pct is null or p_target_pct < 0 or p_target_pct > 100 then
    raise exception 'target_pct must be 0 to 100 (got %)', p_target_pct using errcode = '22023',
      detail = '目标铺货率（target_pct）必须在0到100之间';
  end if;
  if round(p_target_pct, 1) <> p_target_pct then
    raise exception 'target_pct has at most one decimal (got %)', p_target_pct
      using errcode = '22023', detail = '目标铺货率（target_pct）最多一位小数';
  end if;
  if p_target_outlets is null or p_target_outlets < 0 or p_target_outlets > 100000 then
    raise exception 'target_outlets must be 0 to 100000 (got %)', p_target_outlets
      using errcode = '22023', detail = '目标活跃网点数（target_outlets）必须在0到100000之间';
  end if;
  if p_dealer_id is not null then
    insert into public.distribution_targets (dealer_id, product_id, month, target_pct,
                                             target_outlets, set_by)
    values (p_dealer_id, p_product_id, p_month, p_target_pct, p_target_outlets, who)
    on conflict (dealer_id, product_id, month) where dealer_id is not null
    do update set target_pct = excluded.target_pct, target_outlets = excluded.target_outlets,
                  set_by = excluded.set_by
    returning * into row;
  else
    insert into public.distribution_targets (area_id, product_id, month, target_pct,
                                             target_outlets, set_by)
    values (p_area_id, p_product_id, p_month, p_target_pct, p_target_outlets, who)
    on conflict (area_id, product_id, month) where area_id is not null
    do update set target_pct = excluded.target_pct, target_outlets = excluded.target_outlets,
                  set_by = excluded.set_by
    returning * into row;
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION public.distribution_target_set(p_product_id uuid, p_month date, p_target_pct numeric, p_target_outlets integer, p_dealer_id uuid, p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.distribution_target_set(p_product_id uuid, p_month date, p_target_pct numeric, p_target_outlets integer, p_dealer_id uuid, p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.distribution_target_set(p_product_id uuid, p_month date, p_target_pct numeric, p_target_outlets integer, p_dealer_id uuid, p_area_id uuid) TO service_role;
