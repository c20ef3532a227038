-- Issue 20 (review): the purchase summary's insert is written once. private.purchase_days_apply
-- (the shipments' statement trigger) and private.shipment_months_attach (a new month's lines,
-- attached) both added a set of new lines to private.purchase_days with the same statement, in
-- two copies. It is now one text, private.purchase_days_added_sql(relation), that both EXECUTE:
-- the trigger over its transition table new_rows (a trigger's transition tables are visible to
-- the statements it runs, dynamic ones included, but not to other functions it calls), the
-- attach over its loader table. What follows an addition — empty days removed, the customers'
-- stats refreshed — is private.purchase_days_settle, also used by deletes and updates.

-- The statement that adds a relation's live lines to the purchase summary, per customer and day,
-- returning the customers it touched (one array, null when none).
create or replace function private.purchase_days_added_sql(p_relation text) returns text
language sql immutable set search_path = ''
as $$
  select format($q$
    with ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select n.customer_id, n.shipped_on, sum((n.amount * 100)::bigint),
             coalesce(sum((n.amount * 100)::bigint) filter (where n.seller_id is null), 0), count(*)
        from %s n
       where n.deleted_at is null
       group by n.customer_id, n.shipped_on
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) from ins$q$, p_relation)
$$;

-- After a change to the summary: days left without lines go, the customers' stats follow.
create or replace function private.purchase_days_settle(p_ids uuid[]) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
begin
  if p_ids is not null then
    delete from private.purchase_days p where p.lines <= 0;
    perform private.refresh_purchase_stats(p_ids);
  end if;
end
$$;

create or replace function private.purchase_days_apply() returns trigger
language plpgsql
security definer
set search_path = ''
set jit = off
as $$
declare
  v_ids uuid[];
begin
  if tg_op = 'INSERT' then
    execute private.purchase_days_added_sql('new_rows') into v_ids;
  elsif tg_op = 'DELETE' then
    with upd as (
      update private.purchase_days p
         set cents = p.cents - d.cents, billed_cents = p.billed_cents - d.billed_cents,
             lines = p.lines - d.lines
        from (select o.customer_id, o.shipped_on as day, sum((o.amount * 100)::bigint) as cents,
                     coalesce(sum((o.amount * 100)::bigint) filter (where o.seller_id is null), 0)
                       as billed_cents,
                     count(*) as lines
                from old_rows o
               where o.deleted_at is null
               group by o.customer_id, o.shipped_on) d
       where p.customer_id = d.customer_id and p.day = d.day
      returning p.customer_id
    )
    select array_agg(distinct upd.customer_id) into v_ids from upd;
  else
    -- rows whose buyer, day, amount, seller kind and liveness did not change cancel out
    with same as (
      select o.id
        from old_rows o
        join new_rows n on n.id = o.id
       where n.customer_id = o.customer_id and n.shipped_on = o.shipped_on
         and n.amount = o.amount and (n.seller_id is null) = (o.seller_id is null)
         and (n.deleted_at is null) = (o.deleted_at is null)
    ),
    delta as (
      select x.customer_id, x.day, sum(x.cents) as cents, sum(x.billed_cents) as billed_cents,
             sum(x.lines)::integer as lines
        from (
          select o.customer_id, o.shipped_on as day, -(o.amount * 100)::bigint as cents,
                 case when o.seller_id is null then -(o.amount * 100)::bigint else 0 end
                   as billed_cents,
                 -1 as lines
            from old_rows o
           where o.deleted_at is null and o.id not in (select same.id from same)
          union all
          select n.customer_id, n.shipped_on, (n.amount * 100)::bigint,
                 case when n.seller_id is null then (n.amount * 100)::bigint else 0 end, 1
            from new_rows n
           where n.deleted_at is null and n.id not in (select same.id from same)
        ) x
       group by x.customer_id, x.day
    ),
    ins as (
      insert into private.purchase_days as p (customer_id, day, cents, billed_cents, lines)
      select d.customer_id, d.day, d.cents, d.billed_cents, d.lines from delta d
      on conflict (customer_id, day) do update
         set cents = p.cents + excluded.cents, billed_cents = p.billed_cents + excluded.billed_cents,
             lines = p.lines + excluded.lines
      returning p.customer_id
    )
    select array_agg(distinct ins.customer_id) into v_ids from ins;
  end if;
  perform private.purchase_days_settle(v_ids);
  return null;
end
$$;

-- As 20261215500000, with the summary's insert from private.purchase_days_added_sql.
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
  -- 2 the purchase summary: the statement purchase_days_apply runs after an insert
  execute private.purchase_days_added_sql(p_loader::text) into v_ids;
  perform private.purchase_days_settle(v_ids);
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

revoke all on function private.purchase_days_added_sql(text), private.purchase_days_settle(uuid[])
  from public, anon, authenticated;
