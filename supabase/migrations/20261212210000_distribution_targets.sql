-- Issue 18, part 3 (B): distribution targets (分销目标, "3. 分销管理"): per dealer (a tier-1
-- customer) or per area, per SKU, per month, a numeric distribution % (0–100) and a number of
-- active outlets carrying the SKU (>= 0). Set through one RPC; every change, by any path, is
-- recorded (who, when, old → new). Target versus actual calls the one distribution function.
-- Sections: 1 the targets, 2 the audit, 3 access, 4 the RPCs, 5 grants.

-- 1 the targets ---------------------------------------------------------------------------------

create table public.distribution_targets (
  id uuid primary key default gen_random_uuid(),
  dealer_id uuid references public.customers (id),
  area_id uuid references public.areas (id),
  product_id uuid not null references public.products (id),
  month date not null,
  target_pct numeric(4, 1) not null,
  target_outlets integer not null,
  set_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint distribution_targets_target_pct_range check (target_pct between 0 and 100),
  constraint distribution_targets_target_outlets_range
    check (target_outlets between 0 and 100000),
  constraint distribution_targets_month_check check (extract(day from month) = 1),
  -- a target is either a dealer's or an area's
  constraint distribution_targets_scope_check check ((dealer_id is null) <> (area_id is null))
);
create unique index distribution_targets_dealer_key
  on public.distribution_targets (dealer_id, product_id, month) where dealer_id is not null;
create unique index distribution_targets_area_key
  on public.distribution_targets (area_id, product_id, month) where area_id is not null;
create index distribution_targets_product_id_idx on public.distribution_targets (product_id);
create index distribution_targets_set_by_idx on public.distribution_targets (set_by);
create trigger distribution_targets_touch_updated_at before update on public.distribution_targets
  for each row execute function private.touch_updated_at();

-- 2 the audit: every change by any path (the RPC, the service side, a migration) --------------

create table public.distribution_target_changes (
  id uuid primary key default gen_random_uuid(),
  target_id uuid not null,
  dealer_id uuid references public.customers (id),
  area_id uuid references public.areas (id),
  product_id uuid not null references public.products (id),
  month date not null,
  old_pct numeric(4, 1),
  new_pct numeric(4, 1),
  old_outlets integer,
  new_outlets integer,
  changed_by uuid references public.profiles (id),
  changed_at timestamptz not null default now(),
  constraint distribution_target_changes_old_pct_range check (old_pct between 0 and 100),
  constraint distribution_target_changes_new_pct_range check (new_pct between 0 and 100),
  constraint distribution_target_changes_old_outlets_range check (old_outlets between 0 and 100000),
  constraint distribution_target_changes_new_outlets_range check (new_outlets between 0 and 100000)
);
create index distribution_target_changes_target_idx
  on public.distribution_target_changes (target_id, changed_at desc);
create index distribution_target_changes_dealer_id_idx
  on public.distribution_target_changes (dealer_id);
create index distribution_target_changes_area_id_idx on public.distribution_target_changes (area_id);
create index distribution_target_changes_product_id_idx
  on public.distribution_target_changes (product_id);
create index distribution_target_changes_changed_by_idx
  on public.distribution_target_changes (changed_by);

create or replace function private.distribution_target_changes_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'distribution_target_changes is append-only' using errcode = '42501',
    detail = '分销目标变更记录只能追加，不能修改或删除';
end
$$;
create trigger distribution_target_changes_append_only
  before update or delete on public.distribution_target_changes
  for each row execute function private.distribution_target_changes_append_only();

create or replace function private.audit_distribution_target() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r public.distribution_targets := case when tg_op = 'DELETE' then old else new end;
begin
  if tg_op = 'UPDATE' and (old.target_pct, old.target_outlets)
                          is not distinct from (new.target_pct, new.target_outlets) then
    return null;
  end if;
  insert into public.distribution_target_changes (target_id, dealer_id, area_id, product_id, month,
                                                  old_pct, new_pct, old_outlets, new_outlets,
                                                  changed_by)
  values (r.id, r.dealer_id, r.area_id, r.product_id, r.month,
          case when tg_op <> 'INSERT' then old.target_pct end,
          case when tg_op <> 'DELETE' then new.target_pct end,
          case when tg_op <> 'INSERT' then old.target_outlets end,
          case when tg_op <> 'DELETE' then new.target_outlets end,
          private.audit_actor());
  return null;
end
$$;
create trigger distribution_targets_audit
  after insert or update or delete on public.distribution_targets
  for each row execute function private.audit_distribution_target();

-- 3 access --------------------------------------------------------------------------------------
-- Staff read the targets (and their history) of the dealers they see and of their areas;
-- managers all. Dealers read none. Only distribution_target_set writes (and the service side).

alter table public.distribution_targets enable row level security;
create policy "Staff can read distribution targets in their scope"
  on public.distribution_targets for select to authenticated using (
    (select private.is_manager())
    or dealer_id in (select private.staff_customer_ids())
    or area_id in (select private.my_area_ids()));
revoke insert, update, delete on public.distribution_targets from authenticated;

alter table public.distribution_target_changes enable row level security;
create policy "Staff can read distribution target changes in their scope"
  on public.distribution_target_changes for select to authenticated using (
    (select private.is_manager())
    or dealer_id in (select private.staff_customer_ids())
    or area_id in (select private.my_area_ids()));
revoke insert, update, delete on public.distribution_target_changes from authenticated;

-- 4 the RPCs ------------------------------------------------------------------------------------

-- Sets (inserts or changes) one target: a dealer's (p_dealer_id, a tier-1 customer) or an area's
-- (p_area_id), for a product and a month (its first day). Area managers: their areas and their
-- areas' dealers; managers: all. Each field is checked with a bilingual message; nothing is
-- written on error.
create or replace function public.distribution_target_set(p_product_id uuid, p_month date,
                                                          p_target_pct numeric,
                                                          p_target_outlets integer,
                                                          p_dealer_id uuid default null,
                                                          p_area_id uuid default null)
returns public.distribution_targets
language plpgsql security definer set search_path = ''
as $$
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

-- A dealer's targets of a month against its actual numeric distribution, per SKU: the actual is
-- public.dealer_distribution (private.distribution: the one definition) as of the month's last
-- day (today while the month runs), over p_days (default 90, as the ledger's view). Actual
-- outlets = the active outlets down the chain carrying the SKU. Gaps are actual − target.
-- Every active SKU is listed (target null where none is set), targeted ones first.
create or replace function public.distribution_vs_target(p_dealer_id uuid, p_month date,
                                                         p_days integer default 90)
returns table (product_id uuid, sku text, product_name text, target_pct numeric,
               actual_pct numeric, target_outlets integer, actual_outlets integer,
               outlets integer, gap_pct numeric, gap_outlets integer, met boolean)
language plpgsql stable set search_path = ''
as $$
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

-- 5 grants --------------------------------------------------------------------------------------

revoke all on function private.distribution_target_changes_append_only(),
  private.audit_distribution_target() from public, anon;
grant execute on function private.distribution_target_changes_append_only()
  to authenticated, service_role;

revoke all on function public.distribution_target_set(uuid, date, numeric, integer, uuid, uuid),
  public.distribution_vs_target(uuid, date, integer) from public, anon;
grant execute on function public.distribution_target_set(uuid, date, numeric, integer, uuid, uuid),
  public.distribution_vs_target(uuid, date, integer) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
