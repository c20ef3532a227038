-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_days_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION private.purchase_days_apply() FROM PUBLIC;
