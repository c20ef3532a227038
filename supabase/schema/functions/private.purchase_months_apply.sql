-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.purchase_months_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION private.purchase_months_apply() FROM PUBLIC;
