-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.guard_order() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if current_user not in ('authenticated', 'anon') then
    return new;  -- the functions below (security definer) and the service side
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      perform private.deny('a new order is a draft: it is submitted when its visit is checked out',
                           '新订单只能是草稿，签退时自动提交给经销商');
    end if;
    if new.supplier_id is not null then
      perform private.deny('the supplying dealer of an order is set by the server',
                           '订单的供货经销商由系统确定，不能指定');
    end if;
    if num_nonnulls(new.submitted_at, new.decided_at, new.decided_by, new.status_reason,
                    new.shipped_on, new.shipped_at, new.shipped_by, new.received_at,
                    new.received_by, new.cancelled_at, new.cancelled_by, new.ship_to_name,
                    new.ship_to_address, new.ship_to_contact, new.ship_to_phone) > 0 then
      perform private.deny('an order''s steps are recorded by the server',
                           '订单的处理记录由系统填写');
    end if;
    return new;
  end if;
  if new.supplier_id is distinct from old.supplier_id then
    perform private.deny('the supplying dealer of an order is set by the server',
                         '订单的供货经销商由系统确定，不能指定');
  end if;
  if new.status is distinct from old.status then
    perform private.deny(format('an order''s status changes only through its functions'
                                ' (accept_order, reject_order, ship_order, receive_order,'
                                ' cancel_order), not from %s to %s', old.status, new.status),
                         '订单状态只能通过接单、拒单、发货、收货、取消操作变更');
  end if;
  if (new.submitted_at, new.decided_at, new.decided_by, new.status_reason, new.shipped_on,
      new.shipped_at, new.shipped_by, new.received_at, new.received_by, new.cancelled_at,
      new.cancelled_by, new.ship_to_name, new.ship_to_address, new.ship_to_contact,
      new.ship_to_phone)
     is distinct from
     (old.submitted_at, old.decided_at, old.decided_by, old.status_reason, old.shipped_on,
      old.shipped_at, old.shipped_by, old.received_at, old.received_by, old.cancelled_at,
      old.cancelled_by, old.ship_to_name, old.ship_to_address, old.ship_to_contact,
      old.ship_to_phone) then
    perform private.deny('an order''s steps are recorded by the server',
                         '订单的处理记录由系统填写');
  end if;
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.guard_order() FROM PUBLIC;
GRANT ALL ON FUNCTION private.guard_order() TO authenticated;
