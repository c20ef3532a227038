-- Issue 20: purchases per customer, product and month, kept incrementally like the purchase
-- summary by day (private.purchase_days), so that a figure over whole months by product — the
-- monthly report's plan against purchases, its year to date and last year's — reads one row per
-- customer, product and month instead of every shipment line of up to two years.
--
-- Sections: 1 the table, 2 the statement that adds, 3 the shipments' statement triggers, 4 the attach path of a new month (shipment_months_attach) adds too, 5 the rebuild
-- (tests compare), 6 private.purchases by product reads it when the range is whole months.

-- 1 the table ----------------------------------------------------------------------------------

create table private.purchase_months (
  customer_id uuid not null,
  product_id uuid not null,
  month date not null,           -- the first day of the month
  lines integer not null,        -- live lines (deleted_at is null)
  quantity numeric not null,
  amount numeric not null,
  primary key (customer_id, month, product_id)
);
create index purchase_months_empty_idx on private.purchase_months (customer_id)
  where lines <= 0;
alter table private.purchase_months enable row level security;
revoke all on private.purchase_months from public, anon, authenticated;

-- 2 add -------------------------------------------------------------------------------------

-- The statement adding a relation's live lines (a trigger's new_rows, or a loader table) per
-- customer, product and month (deletes and updates subtract in purchase_months_apply).
create or replace function private.purchase_months_added_sql(p_relation text) returns text
language sql immutable set search_path = ''
as $$
  select format($q$
    insert into private.purchase_months as p (customer_id, product_id, month, lines, quantity,
                                              amount)
    select n.customer_id, n.product_id, date_trunc('month', n.shipped_on)::date, count(*),
           sum(n.quantity), sum(n.amount)
      from %s n
     where n.deleted_at is null
     group by n.customer_id, n.product_id, date_trunc('month', n.shipped_on)
    on conflict (customer_id, month, product_id) do update
       set lines = p.lines + excluded.lines, quantity = p.quantity + excluded.quantity,
           amount = p.amount + excluded.amount$q$, p_relation)
$$;

-- 3 the shipments' statement triggers ------------------------------------------------------------

create or replace function private.purchase_months_apply() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
begin
  if tg_op = 'INSERT' then
    execute private.purchase_months_added_sql('new_rows');
  elsif tg_op = 'DELETE' then
    update private.purchase_months p
       set lines = p.lines - d.lines, quantity = p.quantity - d.quantity,
           amount = p.amount - d.amount
      from (select o.customer_id, o.product_id, date_trunc('month', o.shipped_on)::date as month,
                   count(*)::integer as lines, sum(o.quantity) as quantity,
                   sum(o.amount) as amount
              from old_rows o
             where o.deleted_at is null
             group by 1, 2, 3) d
     where p.customer_id = d.customer_id and p.month = d.month and p.product_id = d.product_id;
  else
    -- the old rows subtracted and the new added, leaving out rows whose buyer, product, month,
    -- quantity, amount and liveness did not change
    with same as (
      select o.id
        from old_rows o
        join new_rows n on n.id = o.id
       where n.customer_id = o.customer_id and n.product_id = o.product_id
         and date_trunc('month', n.shipped_on) = date_trunc('month', o.shipped_on)
         and n.quantity = o.quantity and n.amount = o.amount
         and (n.deleted_at is null) = (o.deleted_at is null)
    ),
    delta as (
      select x.customer_id, x.product_id, x.month, sum(x.lines)::integer as lines,
             sum(x.quantity) as quantity, sum(x.amount) as amount
        from (
          select o.customer_id, o.product_id, date_trunc('month', o.shipped_on)::date as month,
                 -1 as lines, -o.quantity as quantity, -o.amount as amount
            from old_rows o
           where o.deleted_at is null and o.id not in (select same.id from same)
          union all
          select n.customer_id, n.product_id, date_trunc('month', n.shipped_on)::date, 1,
                 n.quantity, n.amount
            from new_rows n
           where n.deleted_at is null and n.id not in (select same.id from same)
        ) x
       group by x.customer_id, x.product_id, x.month
    )
    insert into private.purchase_months as p (customer_id, product_id, month, lines, quantity,
                                              amount)
    select d.customer_id, d.product_id, d.month, d.lines, d.quantity, d.amount from delta d
    on conflict (customer_id, month, product_id) do update
       set lines = p.lines + excluded.lines, quantity = p.quantity + excluded.quantity,
           amount = p.amount + excluded.amount;
  end if;
  delete from private.purchase_months p where p.lines <= 0;
  return null;
end
$$;

create or replace function private.purchase_months_truncate() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  truncate private.purchase_months;
  return null;
end
$$;

create trigger shipments_purchase_months_insert after insert on public.shipments
  referencing new table as new_rows
  for each statement execute function private.purchase_months_apply();
create trigger shipments_purchase_months_update after update on public.shipments
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.purchase_months_apply();
create trigger shipments_purchase_months_delete after delete on public.shipments
  referencing old table as old_rows
  for each statement execute function private.purchase_months_apply();
create trigger shipments_purchase_months_truncate after truncate on public.shipments
  for each statement execute function private.purchase_months_truncate();

-- 5 the rebuild -----------------------------------------------------------------------------------

create or replace function private.rebuild_purchase_months() returns bigint
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  n bigint;
begin
  lock table public.shipments in share mode;
  truncate private.purchase_months;
  insert into private.purchase_months (customer_id, product_id, month, lines, quantity, amount)
  select s.customer_id, s.product_id, date_trunc('month', s.shipped_on)::date, count(*),
         sum(s.quantity), sum(s.amount)
    from public.shipments s
   where s.deleted_at is null
   group by 1, 2, 3;
  get diagnostics n = row_count;
  return n;
end
$$;

select private.rebuild_purchase_months();

-- 4 a new month attached (as 20261216400000, with purchase_months added) ------------------------

create or replace function private.shipment_months_attach(p_loader regclass) returns bigint
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  lines bigint;
  failed text;
  v_ids uuid[];
  part record;
begin
  if p_loader is distinct from to_regclass(
       format('shipment_months.%I', 'shipments_loading_' || pg_backend_pid())) then
    raise exception 'not a shipment loader of this session: %', p_loader using errcode = '22023',
      detail = format('不是本会话的发货装载表：%s', p_loader);
  end if;
  -- 1 the keys, company-wide: as shipment_keys_apply after an insert
  begin
    execute format('insert into private.shipment_keys (id, doc_no, line_no)'
                   ' select l.id, l.doc_no, l.line_no from %s l', p_loader);
    get diagnostics lines = row_count;
  exception when unique_violation then
    get stacked diagnostics failed = constraint_name;
    perform private.shipment_key_taken(failed);
  end;
  -- 2 the purchase summaries: the statements their triggers run after an insert
  execute private.purchase_days_added_sql(p_loader::text) into v_ids;
  perform private.purchase_days_settle(v_ids);
  execute private.purchase_months_added_sql(p_loader::text);
  -- 3 each month from the loader to public.shipments
  for part in select i.inhrelid::regclass as t, c.relname::text as name
                from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
               where i.inhparent = p_loader order by c.relname loop
    execute format('alter table %s detach partition %s', p_loader, part.t);
    perform private.shipment_month_attach(to_date(right(part.name, 7), 'YYYY_MM'));
  end loop;
  execute format('drop table %s', p_loader);
  return lines;
end
$$;

-- 6 purchases by product over whole months read the summary ---------------------------------------

-- As 20261201120000's private.purchases, with: by product over a range of whole months (from a
-- first day to a last day) it sums private.purchase_months; any other range reads the lines.
create or replace function private.purchases(p_from date, p_to date,
                                             p_customer_ids uuid[] default null,
                                             p_by_product boolean default false)
returns table (customer_id uuid, product_id uuid, lines integer, quantity numeric, amount numeric)
language plpgsql stable security definer set search_path = ''
set plan_cache_mode = force_custom_plan set jit = off set max_parallel_workers_per_gather = 0
as $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
begin
  if p_from is null or p_to is null then
    raise exception 'p_from and p_to are required' using errcode = '22023',
      detail = '缺少起止日期';
  end if;
  if p_by_product and p_from = date_trunc('month', p_from)::date
     and p_to = (date_trunc('month', p_to) + interval '1 month' - interval '1 day')::date then
    return query
    select m.customer_id, m.product_id, sum(m.lines)::int, sum(m.quantity), sum(m.amount)
      from private.purchase_months m
     where m.month >= p_from and m.month <= p_to and (v_all or m.customer_id = any(v_ids))
     group by m.customer_id, m.product_id;
  elsif p_by_product then
    return query
    select s.customer_id, s.product_id, count(*)::int, sum(s.quantity), sum(s.amount)
      from public.shipments s
     where s.deleted_at is null and s.shipped_on >= p_from and s.shipped_on <= p_to
       and (v_all or s.customer_id = any(v_ids))
     group by s.customer_id, s.product_id;
  else
    return query
    select p.customer_id, null::uuid, sum(p.lines)::int, null::numeric,
           round(sum(p.cents)::numeric / 100, 2)
      from private.purchase_days p
     where p.day >= p_from and p.day <= p_to and (v_all or p.customer_id = any(v_ids))
     group by p.customer_id;
  end if;
end
$$;

revoke all on function private.purchase_months_added_sql(text), private.purchase_months_apply(),
  private.purchase_months_truncate(), private.rebuild_purchase_months()
  from public, anon, authenticated;
