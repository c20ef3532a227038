-- Issue 16, orders: an outlet's order reaches its dealer, who accepts (quantities may be lowered,
-- with a reason), rejects (with a reason) or ships it; the outlet's next visit marks it received.
--
-- Routing. An order's supplier is the first dealer up the outlet's parent chain (outlet →
-- secondary wholesaler → dealer: the chain's tier-1 root). The server sets orders.supplier_id;
-- a phone (or any API write) cannot set or change it: that would point an order at another
-- dealer. An order of a dealer itself (no dealer above) is supplied by the company: its
-- supplier stays null and a manager acts for the company (the shipment then has no seller).
--
-- Submission rule: an order is submitted when its visit is checked out. A trigger on visits
-- submits the visit's draft orders that have lines when checkout_at is first set, however the
-- check-out arrives (sync_push from an offline phone, PATCH). This holds with docs/sync.md: the
-- phone's outbox is applied in mutation order, and the phone edits a visit's order only while the
-- visit is in progress, so the order and its lines always arrive before the check-out. A later
-- push of the order as a draft (a retry, an edit queued earlier) cannot undo the submission:
-- a replayed mutation is answered `duplicate`, and sync_apply answers `conflict` (server wins,
-- nothing written) for an order or a line of an order that is no longer a draft. An order whose
-- visit was already checked out when it was written (not a path the app takes) stays a draft.
--
-- Status machine (statuses move only through these functions; a direct write that changes the
-- status, the supplier or any step's who/when is refused, 42501):
--   draft → submitted            check-out of the visit (trigger)
--   submitted → accepted          accept_order   (the supplying dealer)
--   submitted → rejected          reject_order   (the supplying dealer, with a reason)
--   accepted → shipped            ship_order     (the supplying dealer: shipments dealer → outlet)
--   shipped → received            receive_order  (staff who see the outlet: its rep at the visit)
--   draft | submitted → cancelled cancel_order   (staff who see the outlet: the rep)
-- At submission the order also takes the outlet's name, address, contact and phone (ship_to_*):
-- the dealer reads no customer rows and its phone works offline.
-- Each step's who and when are columns of the order (submitted_at; decided_at/by for accept and
-- reject; shipped_at/by/on; received_at/by; cancelled_at/by), with status_reason the reason of a
-- lowering, a rejection or a cancellation (at most one of them happens to an order). The
-- originally ordered quantity stays in order_lines.quantity; what the dealer accepted is
-- order_lines.accepted_quantity (null until accepted).

-- 1 columns -------------------------------------------------------------------------------------

update public.orders set status = 'accepted' where status = 'confirmed';  -- never written by the app

alter table public.orders drop constraint orders_status_check;
alter table public.orders add constraint orders_status_check check (status in
  ('draft', 'submitted', 'accepted', 'rejected', 'shipped', 'received', 'cancelled'));
alter table public.orders
  add column submitted_at timestamptz,
  add column decided_at timestamptz,
  add column decided_by uuid references public.profiles (id),
  add column status_reason text constraint orders_status_reason_len
    check (char_length(status_reason) <= 4000),
  add column shipped_on date,
  add column shipped_at timestamptz,
  add column shipped_by uuid references public.profiles (id),
  add column received_at timestamptz,
  add column received_by uuid references public.profiles (id),
  add column cancelled_at timestamptz,
  add column cancelled_by uuid references public.profiles (id),
  -- where it goes, as at submission: the dealer sees no customer rows, and its phone works
  -- offline, so the order carries the outlet's name, address, contact and phone
  add column ship_to_name text constraint orders_ship_to_name_len check (char_length(ship_to_name) <= 200),
  add column ship_to_address text
    constraint orders_ship_to_address_len check (char_length(ship_to_address) <= 200),
  add column ship_to_contact text
    constraint orders_ship_to_contact_len check (char_length(ship_to_contact) <= 200),
  add column ship_to_phone text
    constraint orders_ship_to_phone_len check (char_length(ship_to_phone) <= 200);
create index orders_decided_by_idx on public.orders (decided_by);
create index orders_shipped_by_idx on public.orders (shipped_by);
create index orders_received_by_idx on public.orders (received_by);
create index orders_cancelled_by_idx on public.orders (cancelled_by);

alter table public.order_lines
  add column accepted_quantity numeric(14,3) constraint order_lines_accepted_quantity_range
    check (accepted_quantity = trunc(accepted_quantity) and accepted_quantity between 0 and 1000000);

-- 2 who reads: the supplying dealer reads the orders addressed to it (and, through the lines'
-- policy "Readers of an order can read its lines", their lines); its phone pulls them by sync.

create policy "Dealers can read the orders addressed to them" on public.orders
  for select to authenticated
  using (supplier_id = (select private.my_customer_id()));

-- 3 routing -------------------------------------------------------------------------------------

create or replace function private.order_supplier(p_customer_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  -- the first dealer (tier 1: the root) strictly above the customer; null for a dealer itself
  with recursive up as (
    select c.parent_id as id, 1 as depth from public.customers c where c.id = p_customer_id
    union all
    select c.parent_id, u.depth + 1 from up u join public.customers c on c.id = u.id
     where u.depth < 50 and c.tier <> 1
  )
  select u.id from up u join public.customers c on c.id = u.id where c.tier = 1 limit 1
$$;

create or replace function private.submit_visit_orders() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.orders o
     set status = 'submitted', submitted_at = now(),
         supplier_id = private.order_supplier(o.customer_id),
         ship_to_name = c.name, ship_to_address = c.address, ship_to_contact = c.contact_name,
         ship_to_phone = c.phone
    from public.customers c
   where c.id = o.customer_id
     and o.visit_id = new.id and o.status = 'draft' and o.deleted_at is null
     and exists (select from public.order_lines l where l.order_id = o.id and l.deleted_at is null);
  return null;
end
$$;

create trigger visits_submit_orders
  after update of checkout_at on public.visits
  for each row when (old.checkout_at is null and new.checkout_at is not null)
  execute function private.submit_visit_orders();

-- 4 direct writes obey the machine ----------------------------------------------------------------

create or replace function private.guard_order() returns trigger
language plpgsql set search_path = ''
as $$
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

create trigger orders_guard_status
  before insert or update on public.orders
  for each row execute function private.guard_order();

create or replace function private.guard_order_line() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and new.accepted_quantity is distinct from (case when tg_op = 'UPDATE' then old.accepted_quantity end) then
    perform private.deny('the accepted quantity is set by accept_order',
                         '接单数量只能由经销商接单时填写');
  end if;
  return new;
end
$$;

create trigger order_lines_guard_accepted
  before insert or update on public.order_lines
  for each row execute function private.guard_order_line();

-- 5 the functions -------------------------------------------------------------------------------

-- The order, locked, if the caller may act on it as its supplier (the supplying dealer; a
-- manager for an order the company supplies); else P0002 (an order out of sight is not found).
create or replace function private.supplied_order(p_order_id uuid) returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  role text := (select private.my_role());
  o public.orders;
begin
  perform private.require_caller();
  if role is distinct from 'dealer' and role is distinct from 'manager' then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or (role = 'dealer' and o.supplier_id is distinct from (select private.my_customer_id())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  if role = 'manager' and o.supplier_id is not null then
    perform private.deny('only the supplying dealer handles an order', '只有供货经销商可以处理该订单');
  end if;
  return o;
end
$$;

-- The order, locked, if the caller is staff who see its customer; else P0002.
create or replace function private.staff_order(p_order_id uuid) returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders;
begin
  perform private.require_staff();
  if p_order_id is null then
    raise exception 'p_order_id is required' using errcode = '22023', detail = '缺少订单编号';
  end if;
  select * into o from public.orders x where x.id = p_order_id and x.deleted_at is null for update;
  if not found or not ((select private.is_manager())
                       or o.customer_id in (select private.staff_customer_ids())) then
    raise exception 'order % not found', p_order_id using errcode = 'P0002', detail = '找不到该订单';
  end if;
  return o;
end
$$;

create or replace function private.order_state_error(o public.orders, p_wanted text, p_step_en text,
                                                     p_step_zh text) returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception 'this order is %: only a % order can be %', o.status, p_wanted, p_step_en
    using errcode = '55000',
    detail = format('该订单当前为「%s」，只有「%s」的订单可以%s',
      case o.status when 'draft' then '草稿' when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'rejected' then '已拒单' when 'shipped' then '已发货' when 'received' then '已收货'
        else '已取消' end,
      case p_wanted when 'submitted' then '待接单' when 'accepted' then '已接单'
        when 'shipped' then '已发货' else '草稿或待接单' end,
      p_step_zh);
end
$$;

create or replace function private.order_reason(p_reason text, p_required boolean, p_en text,
                                                p_zh text) returns text
language plpgsql immutable set search_path = ''
as $$
begin
  if p_required and length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception '%', p_en using errcode = '22023', detail = p_zh;
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  return nullif(btrim(p_reason), '');
end
$$;

create or replace function public.accept_order(p_order_id uuid, p_lines jsonb default null,
                                               p_reason text default null)
returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders := private.supplied_order(p_order_id);
  e jsonb;
  lid uuid;
  q numeric;
  ln public.order_lines;
  wanted jsonb := '{}';
  lowered boolean := false;
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'accepted', '接单');
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) = 'null' then
    p_lines := null;
  end if;
  if p_lines is not null and jsonb_typeof(p_lines) <> 'array' then
    raise exception 'p_lines must be a list of {"id": order line, "quantity": accepted}'
      using errcode = '22023', detail = '订单行格式无效';
  end if;
  for e in select value from jsonb_array_elements(coalesce(p_lines, '[]')) loop
    if jsonb_typeof(e) <> 'object' or coalesce(jsonb_typeof(e -> 'id'), '') <> 'string'
       or coalesce(jsonb_typeof(e -> 'quantity'), '') <> 'number' then
      raise exception 'each line needs an "id" and a numeric "quantity" (got %)', left(e::text, 100)
        using errcode = '22023', detail = '每一行都须有订单行编号和数量';
    end if;
    begin
      lid := (e ->> 'id')::uuid;
    exception when invalid_text_representation then
      raise exception 'line % is not a line of this order', e ->> 'id'
        using errcode = '22023', detail = '该订单中没有这一行';
    end;
    q := (e ->> 'quantity')::numeric;
    select * into ln from public.order_lines l
     where l.id = lid and l.order_id = o.id and l.deleted_at is null;
    if not found then
      raise exception 'line % is not a line of this order', lid
        using errcode = '22023', detail = '该订单中没有这一行';
    end if;
    if wanted ? lid::text then
      raise exception 'line % is given twice', lid using errcode = '22023', detail = '同一订单行出现了两次';
    end if;
    if q < 0 then
      raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
    end if;
    if q <> trunc(q) then
      raise exception 'the quantity must be whole boxes, no fractions' using errcode = '22023',
        detail = '数量须为整箱数，不能有小数';
    end if;
    if q > ln.quantity then
      raise exception 'an accepted quantity cannot be above the ordered % (line %)', ln.quantity, lid
        using errcode = '22023', detail = format('接单数量不能超过订购数量 %s', ln.quantity);
    end if;
    lowered := lowered or q < ln.quantity;
    wanted := wanted || jsonb_build_object(lid::text, q);
  end loop;
  reason := private.order_reason(p_reason, lowered,
    'lowering a quantity needs a reason', '减少数量时必须填写原因');
  if not exists (select from public.order_lines l
                  where l.order_id = o.id and l.deleted_at is null
                    and coalesce((wanted ->> l.id::text)::numeric, l.quantity) > 0) then
    raise exception 'nothing would be shipped: reject the order instead' using errcode = '22023',
      detail = '所有数量都为零，请改为拒单';
  end if;
  update public.order_lines l
     set accepted_quantity = coalesce((wanted ->> l.id::text)::numeric, l.quantity)
   where l.order_id = o.id and l.deleted_at is null;
  update public.orders
     set status = 'accepted', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

create or replace function public.reject_order(p_order_id uuid, p_reason text)
returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders := private.supplied_order(p_order_id);
  reason text;
begin
  if o.status <> 'submitted' then
    perform private.order_state_error(o, 'submitted', 'rejected', '拒单');
  end if;
  reason := private.order_reason(p_reason, true, 'rejecting an order needs a reason',
                                 '拒单时必须填写原因');
  update public.orders
     set status = 'rejected', decided_at = now(), decided_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

-- Shipping records the sale from the dealer to the outlet as shipments (seller = the dealer,
-- buyer = the outlet, document ORD-<order id>, one line per accepted line, the order's prices),
-- so the dealer's distribution and the outlet's purchases move (purchase_days follows by the
-- shipments' own triggers), and re-evaluates the outlet's warnings.
create or replace function public.ship_order(p_order_id uuid, p_shipped_on date default null)
returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders := private.supplied_order(p_order_id);
  today date := private.company_today();
  day date := coalesce(p_shipped_on, today);
begin
  if o.status <> 'accepted' then
    perform private.order_state_error(o, 'accepted', 'shipped', '发货');
  end if;
  if day > today then
    raise exception 'the shipping date % is in the future', day using errcode = '22023',
      detail = '发货日期不能晚于今天';
  end if;
  if day < o.ordered_on then
    raise exception 'the shipping date % is before the order date %', day, o.ordered_on
      using errcode = '22023', detail = '发货日期不能早于下单日期';
  end if;
  insert into public.shipments (doc_no, line_no, customer_id, seller_id, product_id, shipped_on,
                                quantity, unit_price, amount)
  select 'ORD-' || replace(o.id::text, '-', ''),
         row_number() over (order by p.sku, l.id), o.customer_id, o.supplier_id, l.product_id,
         day, l.accepted_quantity, l.unit_price, round(l.accepted_quantity * l.unit_price, 2)
    from public.order_lines l join public.products p on p.id = l.product_id
   where l.order_id = o.id and l.deleted_at is null and l.accepted_quantity > 0;
  update public.orders
     set status = 'shipped', shipped_on = day, shipped_at = now(), shipped_by = (select auth.uid())
   where id = o.id
  returning * into o;
  perform private.evaluate_warnings_core(array[o.customer_id], today);
  return o;
end
$$;

create or replace function public.receive_order(p_order_id uuid)
returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders := private.staff_order(p_order_id);
begin
  if o.status <> 'shipped' then
    perform private.order_state_error(o, 'shipped', 'received', '确认收货');
  end if;
  update public.orders
     set status = 'received', received_at = now(), received_by = (select auth.uid())
   where id = o.id
  returning * into o;
  return o;
end
$$;

create or replace function public.cancel_order(p_order_id uuid, p_reason text default null)
returns public.orders
language plpgsql security definer set search_path = ''
as $$
declare
  o public.orders := private.staff_order(p_order_id);
  reason text;
begin
  if o.status not in ('draft', 'submitted') then
    perform private.order_state_error(o, 'draft or submitted', 'cancelled', '取消');
  end if;
  reason := private.order_reason(p_reason, false, '', '');
  update public.orders
     set status = 'cancelled', cancelled_at = now(), cancelled_by = (select auth.uid()),
         status_reason = reason
   where id = o.id
  returning * into o;
  return o;
end
$$;

-- 6 sync: the phone's probe after a lost answer ----------------------------------------------
-- When the answer to an insert is lost, the phone asks whether the row reached the server by
-- pushing an upsert of its id alone (fieldapp/store/answers.py). An order is now submitted at
-- check-out, so such a probe for an order or its lines, arriving after the check-out, met the
-- "orders are editable only while draft" rule and came back as a conflict the rep would see. An
-- upsert that writes no column changes nothing and now answers `applied` before the conflict
-- rules (the rest of private.sync_apply as in 20261127120000_sync.sql).

create or replace function private.sync_apply(m jsonb) returns jsonb
language plpgsql set search_path = ''
as $_$
declare
  tbl text := m ->> 'table';
  op text := m ->> 'op';
  r jsonb := m -> 'row';
  rid uuid;
  existing jsonb;
  cols text;
  upd_cols text;
  version bigint;
  base bigint;
begin
  if tbl is null or not exists (select from private.sync_tables s where s.name = tbl and s.pushable) then
    raise exception 'table % cannot be written by a phone', coalesce(tbl, '(missing)')
      using errcode = '22023', detail = '该数据不能由手机端写入';
  end if;
  if op is null or op not in ('upsert', 'delete') then
    raise exception 'op must be upsert or delete' using errcode = '22023', detail = '操作类型无效';
  end if;
  if r is null or jsonb_typeof(r) <> 'object' or not (r ? 'id') then
    raise exception 'row must be an object with an id' using errcode = '22023', detail = '缺少记录编号';
  end if;
  rid := (r ->> 'id')::uuid;
  base := (m ->> 'base_version')::bigint;
  execute format('select to_jsonb(x) from public.%I x where x.id = $1', tbl) into existing using rid;

  if op = 'delete' then
    if existing is null then
      raise exception 'row % not found', rid using errcode = 'P0002', detail = '找不到该记录';
    end if;
    execute format('update public.%I set deleted_at = now() where id = $1 returning version', tbl)
      into version using rid;
    if version is null then
      raise exception 'you cannot delete this row' using errcode = '42501', detail = '无权删除该记录';
    end if;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  select string_agg(format('%I', a.attname), ', ' order by a.attnum),
         string_agg(format('%I', a.attname), ', ' order by a.attnum) filter (where a.attname <> 'id')
    into cols, upd_cols
    from pg_attribute a
   where a.attrelid = format('public.%I', tbl)::regclass and a.attnum > 0 and not a.attisdropped
     and a.attname not in ('txid', 'version', 'created_at', 'updated_at')
     and r ? a.attname;

  if existing is null then
    execute format('insert into public.%1$I (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)'
                   ' returning version', tbl, cols)
      into version using r;
    return jsonb_build_object('status', 'applied', 'version', version);
  end if;

  -- an upsert of the id alone writes nothing, so it conflicts with nothing: the phone sends one
  -- to ask whether an insert whose answer was lost reached the server (fieldapp/store/answers.py)
  if upd_cols is null then
    return jsonb_build_object('status', 'applied', 'version', (existing ->> 'version')::bigint);
  end if;
  -- conflict rules (docs/sync.md)
  if tbl = 'customers' and base is not null and base <> (existing ->> 'version')::bigint then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'orders' and existing ->> 'status' <> 'draft' then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  if tbl = 'order_lines' and not exists (
      select from public.orders o where o.id = (existing ->> 'order_id')::uuid and o.status = 'draft') then
    return jsonb_build_object('status', 'conflict', 'server', existing);
  end if;
  execute format('update public.%1$I x set (%2$s) = (select %2$s from jsonb_populate_record(null::public.%1$I, $1))'
                 ' where x.id = $2 returning version', tbl, upd_cols)
    into version using r, rid;
  if version is null then
    raise exception 'you cannot change this row' using errcode = '42501', detail = '无权修改该记录';
  end if;
  return jsonb_build_object('status', 'applied', 'version', version);
end
$_$;

-- 7 grants --------------------------------------------------------------------------------------

revoke all on function private.order_supplier(uuid), private.submit_visit_orders(),
  private.guard_order(), private.guard_order_line(), private.supplied_order(uuid),
  private.staff_order(uuid), private.order_state_error(public.orders, text, text, text),
  private.order_reason(text, boolean, text, text)
  from public;
grant execute on function private.guard_order(), private.guard_order_line(),
  private.order_state_error(public.orders, text, text, text),
  private.order_reason(text, boolean, text, text)
  to authenticated;
revoke all on function public.accept_order(uuid, jsonb, text), public.reject_order(uuid, text),
  public.ship_order(uuid, date), public.receive_order(uuid), public.cancel_order(uuid, text)
  from public, anon;
grant execute on function public.accept_order(uuid, jsonb, text), public.reject_order(uuid, text),
  public.ship_order(uuid, date), public.receive_order(uuid), public.cancel_order(uuid, text)
  to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
