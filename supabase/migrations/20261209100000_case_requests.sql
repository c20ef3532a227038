-- Issue 16, after-sales requests (docs/cases.md, "Requests, returns and repairs"): a dealer (its
-- own company) or staff (a customer they see) raises a return, exchange, repair, packaging
-- exchange or complaint as a case_requests row, made on the phone and pushed like a delivery
-- confirmation; the insert checks it and opens the case (cases.id = the request's id). Returns and
-- exchanges inside the grade's window are accepted by rule, outside it they wait for a manager
-- (case_approve); an accepted return credits the receivable through public.returns. Repairs,
-- packaging exchanges and exchanges go received → done → sent back (case_service_step).
-- Sections: 1 settings, 2 columns and table, 3 access, 4 sync, 5 helpers, 6 the request's
-- triggers, 7 RPCs, 8 grants.

-- 1 settings ------------------------------------------------------------------------------------

create or replace function private.check_returns_window() returns trigger
language plpgsql set search_path = ''
as $$
declare
  g text;
begin
  if jsonb_typeof(new.value) <> 'object'
     or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
        is distinct from array['A', 'B', 'C', 'D'] then
    raise exception 'returns.window_days must be {"A": days, "B": days, "C": days, "D": days} (got %)',
      new.value using errcode = '22023', detail = '退换货期限必须按客户等级（A、B、C、D）填写天数';
  end if;
  foreach g in array array['A', 'B', 'C', 'D'] loop
    if jsonb_typeof(new.value -> g) <> 'number'
       or (new.value ->> g)::numeric <> trunc((new.value ->> g)::numeric)
       or (new.value ->> g)::numeric not between 0 and 3650 then
      raise exception 'returns.window_days.% must be a whole number of days from 0 to 3650 (got %)',
        g, new.value -> g using errcode = '22023', detail = '退换货期限天数必须是0到3650之间的整数';
    end if;
  end loop;
  return new;
end
$$;
create trigger settings_returns_window_check
  before insert or update on public.settings
  for each row when (new.key = 'returns.window_days')
  execute function private.check_returns_window();

-- The return window of a grade, read with the server's rights; a customer not graded yet gets the
-- shortest window (outside it a return only waits for a manager, it is never refused).
create or replace function private.returns_window_days(p_grade text) returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select case when p_grade in ('A', 'B', 'C', 'D') then (s.value ->> p_grade)::integer
                 else (select min(v::integer) from jsonb_each_text(s.value) x (k, v)) end
       from public.settings s where s.key = 'returns.window_days' and s.deleted_at is null),
    case p_grade when 'A' then 60 when 'B' then 45 when 'C' then 30 else 15 end)
$$;

-- 2 columns and table ---------------------------------------------------------------------------

-- the service steps of repairs, packaging exchanges and exchanges
alter table public.cases
  add column received_on date,
  add column done_on date,
  add column work_done text constraint cases_work_done_len check (char_length(work_done) <= 4000),
  add column sent_back_on date;

-- which step an event records (the action stays one of the case machine's), and its date
alter table public.case_events
  add column step text constraint case_events_step_check check (step in
    ('accepted_by_rule', 'awaiting_approval', 'approved', 'refused', 'received', 'done',
     'sent_back', 'resolved'))
    constraint case_events_step_len check (char_length(step) <= 200),
  add column step_on date;

-- the case a return row was written for (null: entered by hand or imported)
alter table public.returns add column case_id uuid references public.cases (id);
create index returns_case_id_idx on public.returns (case_id);

create table public.case_requests (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  kind text not null constraint case_requests_kind_check
    check (kind in ('return', 'exchange', 'repair', 'packaging_exchange', 'complaint')),
  severity text not null default 'medium'
    constraint case_requests_severity_check check (severity in ('low', 'medium', 'high')),
  doc_no text constraint case_requests_doc_no_check check (doc_no ~ '^[A-Za-z0-9_.-]{1,40}$'),
  lines jsonb not null default '[]',
  reason text not null,
  photo_ids uuid[] not null default '{}',
  requested_at timestamptz not null default now(),
  requested_on date,
  requested_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint case_requests_kind_len check (char_length(kind) <= 200),
  constraint case_requests_severity_len check (char_length(severity) <= 200),
  constraint case_requests_doc_no_len check (char_length(doc_no) <= 200),
  constraint case_requests_reason_len check (char_length(reason) <= 4000),
  constraint case_requests_lines_len check (octet_length(lines::text) <= 65536),
  constraint case_requests_photo_ids_len check (cardinality(photo_ids) <= 20)
);
create index case_requests_customer_id_idx on public.case_requests (customer_id);
create index case_requests_requested_by_idx on public.case_requests (requested_by);

-- 3 access --------------------------------------------------------------------------------------
-- Staff read the requests of the customers they see, a dealer those of its own company. A dealer
-- raises requests for its own company, staff for a customer they see; nobody changes one.

alter table public.case_requests enable row level security;
create policy "Staff and the dealer can read case requests" on public.case_requests
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
create policy "The dealer and staff who see the customer can raise requests" on public.case_requests
  for insert to authenticated with check (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id()));
revoke update, delete on public.case_requests from authenticated;

-- 4 sync: pushed by everyone (a dealer's phone and the staff's), pulled by those who see it ------

insert into private.sync_tables (name, ord, pushable, roles, pull_filter)
values ('case_requests', 22, true, null, null);
alter table public.case_requests add column txid xid8 not null default private.sync_register();
alter table public.case_requests add column version bigint not null default 1;
create index case_requests_txid_idx on public.case_requests (txid);
create trigger case_requests_sync_stamp before insert or update on public.case_requests
  for each row execute function private.sync_stamp();
create trigger case_requests_tombstone before delete on public.case_requests
  for each row execute function private.sync_tombstone();
create trigger case_requests_sync_register before insert or update or delete on public.case_requests
  for each statement execute function private.sync_register_statement();

-- 5 helpers -------------------------------------------------------------------------------------

-- Whether a case that was rejected (its status now, or a rejection in its history before closing).
create or replace function private.case_was_rejected(p_case_id uuid, p_status text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_status = 'rejected'
      or (p_status = 'closed' and exists (select from public.case_events e
                                           where e.case_id = p_case_id and e.to_status = 'rejected'))
$$;

-- What a delivery line holds for returns and exchanges, the line locked (two requests at once
-- wait for each other): delivered = received when confirmed, else shipped; used = the lines of
-- return and exchange cases not rejected (open, waiting, accepted, done) plus accepted or completed
-- returns and exchanges entered by hand (public.returns rows without a case). p_except: a case
-- left out (one being approved).
create or replace function private.shipment_returnable(p_shipment_id uuid, p_except uuid default null,
                                                       out delivered numeric, out used numeric)
language plpgsql security definer set search_path = ''
as $$
begin
  select case when s.confirmed_at is not null then coalesce(s.received_quantity, s.quantity)
              else s.quantity end
    into delivered from public.shipments s where s.id = p_shipment_id for no key update;
  select coalesce(sum(l.quantity), 0) into used
    from public.case_lines l join public.cases c on c.id = l.case_id
   where l.shipment_id = p_shipment_id and l.deleted_at is null and c.deleted_at is null
     and c.kind in ('return', 'exchange') and c.id is distinct from p_except
     and not private.case_was_rejected(c.id, c.status);
  used := trunc(used + coalesce((select sum(r.quantity) from public.returns r
                            where r.shipment_id = p_shipment_id and r.case_id is null
                              and r.deleted_at is null and r.status in ('accepted', 'completed')
                              and r.kind in ('return', 'exchange')), 0));
  delivered := trunc(delivered);
end
$$;

-- Whether a case id is taken (the request's id becomes the case's: a taken one is refused like
-- any key the caller cannot see).
create or replace function private.case_id_taken(p_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select from public.cases c where c.id = p_id)
$$;

-- The credit of an accepted return: one public.returns row per case line (kind return, accepted,
-- decided on p_day, the line's quantity at its delivery's unit price, reference RC-<case>-<n>),
-- then the customer's warnings are evaluated again (credit_over_limit follows the balance).
create or replace function private.credit_return(p_case_id uuid, p_requested_on date, p_day date)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases;
begin
  select * into c from public.cases x where x.id = p_case_id;
  insert into public.returns (reference, customer_id, shipment_id, product_id, kind, quantity,
                              amount, reason, status, requested_on, decided_on, case_id)
  select 'RC-' || replace(c.id::text, '-', '') || '-'
           || row_number() over (order by s.doc_no, s.line_no, l.id),
         c.customer_id, l.shipment_id, s.product_id, 'return', l.quantity,
         round(l.quantity * s.unit_price, 2), left(c.detail, 4000), 'accepted',
         coalesce(p_requested_on, p_day), p_day, c.id
    from public.case_lines l join public.shipments s on s.id = l.shipment_id
   where l.case_id = c.id and l.deleted_at is null and l.quantity > 0;
  perform private.evaluate_warnings_core(array[c.customer_id], private.company_today());
end
$$;

-- The case for a service action (steps, resolve): the case's owner, an area manager over the
-- customer or a manager; a dealer or a rep who does not own the case is refused.
create or replace function private.case_for_service(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager handles a case',
                         '只有负责人、区域经理或销售经理可以处理售后单');
  end if;
  return c;
end
$$;

-- 6 the request's triggers ----------------------------------------------------------------------

-- Before insert (the caller's rights: a shipment or delivery the caller does not see is "not
-- found"): check everything, store the complete lines; nothing is written on error. Lines are
-- numbered from 1 in messages (lines[1] is the first), as the Chinese 第1行.
create or replace function private.check_case_request() returns trigger
language plpgsql set search_path = ''
as $$
declare
  api boolean := current_user in ('authenticated', 'anon');
  goods boolean;
  l jsonb;
  i integer := 0;
  k text;
  sid uuid;
  pid uuid;
  q numeric;
  s record;
  doc text;
  line_no integer;
  seen jsonb := '{}';
  key text;
  delivered numeric;
  used numeric;
  result jsonb := '[]';
begin
  if api then
    perform private.require_caller();
    new.customer_id := coalesce(new.customer_id, (select private.my_customer_id()));
  end if;
  if new.customer_id is null then
    raise exception 'customer_id is required' using errcode = '22023', detail = '缺少客户';
  end if;
  if new.kind is null or new.kind not in ('return', 'exchange', 'repair', 'packaging_exchange', 'complaint') then
    raise exception 'kind must be return, exchange, repair, packaging_exchange or complaint (got %)',
      coalesce(new.kind, 'nothing') using errcode = '22023',
      detail = '类型必须是退货、换货、维修、调换包装或投诉';
  end if;
  goods := new.kind <> 'complaint';
  new.severity := coalesce(new.severity, 'medium');
  if new.severity not in ('low', 'medium', 'high') then
    raise exception 'severity must be low, medium or high (got %)', new.severity
      using errcode = '22023', detail = '严重程度必须是低、中或高';
  end if;
  new.reason := btrim(new.reason);
  if length(coalesce(new.reason, '')) = 0 then
    raise exception 'a reason is required' using errcode = '22023', detail = '请填写原因';
  end if;
  if char_length(new.reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '原因不能超过4000字';
  end if;
  new.photo_ids := coalesce(new.photo_ids, '{}');
  if cardinality(new.photo_ids) > 20 or array_position(new.photo_ids, null) is not null then
    raise exception 'at most 20 photos, none empty' using errcode = '22023', detail = '最多20张照片';
  end if;
  new.doc_no := nullif(btrim(new.doc_no), '');
  if new.doc_no is null and new.kind in ('return', 'exchange') then
    raise exception 'a % needs the delivery it came from (doc_no)', new.kind
      using errcode = '22023', detail = '退换货必须填写到货单号';
  end if;
  if new.doc_no is not null and not exists (
      select from public.shipments sh
       where sh.doc_no = new.doc_no and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null) then
    raise exception 'delivery % not found', new.doc_no using errcode = 'P0002',
      detail = '找不到该到货单';
  end if;

  new.lines := coalesce(new.lines, '[]');
  if jsonb_typeof(new.lines) <> 'array' then
    raise exception 'lines must be a list of {"shipment_id", "quantity"}' using errcode = '22023',
      detail = '明细格式无效';
  end if;
  if jsonb_array_length(new.lines) > 100 then
    raise exception 'at most 100 lines per request' using errcode = '22023', detail = '每张申请最多100行';
  end if;
  if goods and jsonb_array_length(new.lines) = 0 then
    raise exception 'a % needs at least one line {"shipment_id", "quantity"}', new.kind
      using errcode = '22023', detail = '请至少填写一行商品及数量';
  end if;
  for l in select value from jsonb_array_elements(new.lines) loop
    i := i + 1;
    if jsonb_typeof(l) <> 'object' then
      raise exception 'lines[%] must be an object {"shipment_id", "quantity"}', i
        using errcode = '22023', detail = format('第%s行格式无效', i);
    end if;
    for k in select jsonb_object_keys(l) loop
      if k not in ('shipment_id', 'product_id', 'quantity') then
        raise exception 'lines[%]: unknown field "%"', i, left(k, 40) using errcode = '22023',
          detail = format('第%s行：无法识别的字段', i);
      end if;
    end loop;
    sid := null;
    pid := null;
    doc := null;
    line_no := null;
    begin
      if jsonb_typeof(l -> 'shipment_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      sid := (l ->> 'shipment_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].shipment_id is not an id', i using errcode = '22023',
        detail = format('第%s行：发货明细编号无效', i);
    end;
    begin
      if jsonb_typeof(l -> 'product_id') not in ('string', 'null') then
        raise invalid_text_representation;
      end if;
      pid := (l ->> 'product_id')::uuid;
    exception when invalid_text_representation then
      raise exception 'lines[%].product_id is not an id', i using errcode = '22023',
        detail = format('第%s行：产品编号无效', i);
    end;
    if goods and sid is null then
      raise exception 'lines[%].shipment_id is required (the delivery line the goods came in)', i
        using errcode = '22023', detail = format('第%s行：请选择到货明细', i);
    end if;
    if sid is null and pid is null then
      raise exception 'lines[%] needs a shipment_id or a product_id', i using errcode = '22023',
        detail = format('第%s行：请选择到货明细或产品', i);
    end if;
    q := null;
    if l -> 'quantity' is not null and jsonb_typeof(l -> 'quantity') <> 'null' then
      if jsonb_typeof(l -> 'quantity') <> 'number' then
        raise exception 'lines[%].quantity must be a number (got %)', i, left((l -> 'quantity')::text, 40)
          using errcode = '22023', detail = format('第%s行：数量必须是数字', i);
      end if;
      q := (l ->> 'quantity')::numeric;
      if q < 1 or q <> trunc(q) or q > 1000000 then
        raise exception 'lines[%].quantity must be a whole number of boxes from 1 to 1,000,000 (got %)', i, q
          using errcode = '22023', detail = format('第%s行：数量必须是1到1,000,000之间的整箱数', i);
      end if;
    elsif goods then
      raise exception 'lines[%].quantity is required', i using errcode = '22023',
        detail = format('第%s行：请填写数量', i);
    end if;
    if sid is not null then
      -- the caller's rights: another customer's or an unknown shipment is not found
      select sh.id, sh.doc_no, sh.line_no, sh.product_id into s from public.shipments sh
       where sh.id = sid and sh.customer_id = new.customer_id and sh.seller_id is null
         and sh.deleted_at is null;
      if not found then
        raise exception 'lines[%]: shipment % not found', i, sid using errcode = 'P0002',
          detail = format('第%s行：找不到该到货明细', i);
      end if;
      if new.doc_no is not null and s.doc_no <> new.doc_no then
        raise exception 'lines[%]: shipment % is not part of delivery %', i, sid, new.doc_no
          using errcode = '22023', detail = format('第%s行：该明细不属于到货单%s', i, new.doc_no);
      end if;
      if pid is not null and pid <> s.product_id then
        raise exception 'lines[%].product_id is not the product of its shipment', i
          using errcode = '22023', detail = format('第%s行：产品与到货明细不符', i);
      end if;
      pid := s.product_id;
      doc := s.doc_no;
      line_no := s.line_no;
      key := 's:' || sid;
    else
      if not exists (select from public.products p where p.id = pid) then
        raise exception 'lines[%]: product % not found', i, pid using errcode = 'P0002',
          detail = format('第%s行：找不到该产品', i);
      end if;
      key := 'p:' || pid;
    end if;
    if seen ? key then
      raise exception 'lines[%] repeats lines[%]', i, seen ->> key using errcode = '22023',
        detail = format('第%s行与第%s行重复', i, seen ->> key);
    end if;
    seen := seen || jsonb_build_object(key, i);
    if goods then
      select r.delivered, r.used into delivered, used from private.shipment_returnable(sid) r;
      if new.kind in ('return', 'exchange') and q > delivered - used then
        raise exception 'lines[%].quantity %: only % left to return or exchange on delivery % line % (delivered %, already returned, exchanged or requested %)',
          i, q, greatest(delivered - used, 0), doc, line_no, delivered, used
          using errcode = '22023',
          detail = format('第%s行：可退换数量只剩%s箱（到货%s箱，已退换或申请中%s箱）', i,
                          greatest(delivered - used, 0), delivered, used);
      end if;
      if new.kind in ('repair', 'packaging_exchange') and q > delivered then
        raise exception 'lines[%].quantity % is more than the % delivered on delivery % line %',
          i, q, delivered, doc, line_no using errcode = '22023',
          detail = format('第%s行：数量不能超过到货数量%s箱', i, delivered);
      end if;
    end if;
    result := result || jsonb_build_object('shipment_id', sid, 'product_id', pid,
      'quantity', coalesce(q, 0), 'doc_no', doc, 'line_no', line_no);
  end loop;
  new.lines := result;
  if private.case_id_taken(new.id) then
    perform private.refuse_unseen('case_requests');
  end if;
  if api then
    new.requested_at := now();
    new.requested_on := private.company_today();
    new.requested_by := (select auth.uid());
  else
    new.requested_at := least(coalesce(new.requested_at, now()), now());
    new.requested_on := coalesce(new.requested_on, private.company_today());
  end if;
  return new;
end
$$;
create trigger case_requests_10_check before insert on public.case_requests
  for each row execute function private.check_case_request();

-- A request never changes (its case was opened from it); a customer's move re-stamps it only.
create or replace function private.guard_case_request_row() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (to_jsonb(new) - array['txid', 'version', 'updated_at'])
     = (to_jsonb(old) - array['txid', 'version', 'updated_at']) then
    return new;
  end if;
  raise exception 'a request does not change once raised: add a note to its case instead'
    using errcode = '55000', detail = '售后申请提交后不能修改，请在售后单中补充说明';
end
$$;
create trigger case_requests_10_once before update on public.case_requests
  for each row execute function private.guard_case_request_row();

-- After insert (the server's rights): the case, with the request's id, its lines and history. A
-- return or exchange is accepted by rule inside the customer grade's window (days from the
-- delivery's confirmation, or its shipping if never confirmed, to the request's day), else it
-- waits for a manager; an accepted return is credited at once.
create or replace function private.open_requested_case() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  grade text;
  window_days integer;
  started date;
  days integer;
  status text := 'open';
  label text;
  product text;
  n integer := jsonb_array_length(new.lines);
  owner uuid := private.case_owner_for(new.customer_id);
begin
  label := case new.kind when 'return' then '退货' when 'exchange' then '换货' when 'repair' then '维修'
                         when 'packaging_exchange' then '调换包装' else '投诉' end;
  select p.name into product from public.products p
   where p.id = (new.lines -> 0 ->> 'product_id')::uuid;
  if new.kind in ('return', 'exchange') then
    select c.grade into grade from public.customers c where c.id = new.customer_id;
    window_days := private.returns_window_days(grade);
    select coalesce((max(s.confirmed_at) at time zone private.company_tz())::date, min(s.shipped_on))
      into started from public.shipments s
     where s.doc_no = new.doc_no and s.deleted_at is null;
    days := new.requested_on - started;
    status := case when days <= window_days then 'in_progress' else 'awaiting_approval' end;
  end if;
  insert into public.cases (id, kind, customer_id, severity, doc_no, owner_id, due_at, opened_by,
                            opened_at, title, detail, status)
  values (new.id, new.kind, new.customer_id, new.severity, new.doc_no, owner,
          new.requested_at + make_interval(days => private.case_sla_days(new.severity)),
          new.requested_by, new.requested_at,
          left(case when n = 0  -- no product: the reason says what it is about
                    then label || '：' || left(regexp_replace(btrim(new.reason), '\s+', ' ', 'g'), 30)
                    else concat_ws(' ', label, new.doc_no,
                                   product || case when n > 1 then format('等%s项', n) else '' end)
               end, 200),
          new.reason, status);
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity)
  select new.id, new.customer_id, (x.value ->> 'product_id')::uuid,
         (x.value ->> 'shipment_id')::uuid, (x.value ->> 'quantity')::numeric
    from jsonb_array_elements(new.lines) x;
  insert into public.case_events (case_id, customer_id, actor_id, at, action, note, photo_ids,
                                  to_status, owner_id)
  values (new.id, new.customer_id, new.requested_by, new.requested_at, 'opened', new.reason,
          new.photo_ids, 'open', owner);
  if status <> 'open' then
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, from_status,
                                    to_status, step, step_on)
    values (new.id, new.customer_id, null, clock_timestamp(), 'status',
            case when status = 'in_progress'
              then format('按规则受理：%s级客户退换货期限%s天，申请在到货后第%s天 (accepted by rule: day %s of the %s-day window of grade %s)',
                          coalesce(grade, '未评级'), window_days, days, days, window_days, coalesce(grade, 'none'))
              else format('超出%s级客户退换货期限%s天（到货后第%s天），待销售经理审批 (outside the %s-day window of grade %s, day %s: waiting for a manager''s approval)',
                          coalesce(grade, '未评级'), window_days, days, window_days, coalesce(grade, 'none'), days)
            end,
            'open', status,
            case when status = 'in_progress' then 'accepted_by_rule' else 'awaiting_approval' end,
            new.requested_on);
  end if;
  if new.kind = 'return' and status = 'in_progress' then
    perform private.credit_return(new.id, new.requested_on, new.requested_on);
  end if;
  return null;
end
$$;
create trigger case_requests_open_case after insert on public.case_requests
  for each row execute function private.open_requested_case();

-- public.returns.case_id is the server's: an API write cannot set or change it.
create or replace function private.guard_return_case() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and new.case_id is distinct from (case when tg_op = 'UPDATE' then old.case_id end) then
    perform private.deny('the case of a return is set by the server', '退货记录关联的售后单由系统填写');
  end if;
  return new;
end
$$;
create trigger returns_10_case before insert or update on public.returns
  for each row execute function private.guard_return_case();

-- 7 RPCs ----------------------------------------------------------------------------------------

-- A manager's decision on a case awaiting approval (a return or exchange outside its window):
-- approved → in_progress (a return is credited), refused → rejected. The reason is required; a
-- manager never decides a request they raised.
create or replace function public.case_approve(p_case_id uuid, p_approved boolean, p_reason text)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  was text := c.status;
  l record;
  delivered numeric;
  used numeric;
  today date := private.company_today();
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager approves a request outside its window',
                         '只有销售经理可以审批超期的退换货申请');
  end if;
  if c.status <> 'awaiting_approval' then
    raise exception 'this case is not waiting for approval (it is %)', c.status
      using errcode = '55000', detail = '该售后单不在待审批状态';
  end if;
  if c.opened_by = (select auth.uid()) then
    perform private.deny('you cannot approve or refuse a request you raised yourself',
                         '不能审批自己提交的申请');
  end if;
  if p_approved is null then
    raise exception 'p_approved is required (true approves, false refuses)' using errcode = '22023',
      detail = '请选择批准或拒绝';
  end if;
  if length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception 'a decision needs a reason' using errcode = '22023', detail = '审批须填写理由';
  end if;
  if char_length(p_reason) > 4000 then
    raise exception 'the reason is longer than 4000 characters' using errcode = '22023',
      detail = '理由不能超过4000字';
  end if;
  if p_approved and c.kind in ('return', 'exchange') then
    -- what was returned by hand since the request still counts
    for l in select cl.shipment_id, cl.quantity, s.doc_no, s.line_no
               from public.case_lines cl join public.shipments s on s.id = cl.shipment_id
              where cl.case_id = c.id and cl.deleted_at is null order by s.doc_no, s.line_no loop
      select r.delivered, r.used into delivered, used from private.shipment_returnable(l.shipment_id, c.id) r;
      if l.quantity > delivered - used then
        raise exception 'delivery % line %: only % left to return or exchange, the request asks %',
          l.doc_no, l.line_no, greatest(delivered - used, 0), l.quantity using errcode = '22023',
          detail = format('到货单%s第%s行：可退换数量只剩%s箱', l.doc_no, l.line_no, greatest(delivered - used, 0));
      end if;
    end loop;
  end if;
  update public.cases
     set status = case when p_approved then 'in_progress' else 'rejected' end,
         decision = btrim(p_reason), decided_by = (select auth.uid()), decided_at = now(),
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'decided', btrim(p_reason), was, c.status,
          case when p_approved then 'approved' else 'refused' end, today);
  if p_approved and c.kind = 'return' then
    perform private.credit_return(c.id,
      (select r.requested_on from public.case_requests r where r.id = c.id), today);
  end if;
  return c;
end
$$;

-- The service steps of a repair, a packaging exchange or an accepted exchange, in order:
-- received (p_on: the day the goods came in) → done (p_note: what was done) → sent_back (p_on:
-- the day they went back), which resolves the case. p_on defaults to today; never in the future
-- nor before the step before.
create or replace function public.case_service_step(p_case_id uuid, p_step text,
                                                    p_on date default null,
                                                    p_note text default null)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
  today date := private.company_today();
  day date := coalesce(p_on, today);
  note text := nullif(btrim(p_note), '');
  opened date;
begin
  if c.kind not in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'only repairs, packaging exchanges and exchanges have service steps (this is a %)',
      c.kind using errcode = '55000', detail = '只有维修、调换包装和换货单有收货、处理、寄回步骤';
  end if;
  if p_step is null or p_step not in ('received', 'done', 'sent_back') then
    raise exception 'p_step must be received, done or sent_back (got %)', coalesce(p_step, 'nothing')
      using errcode = '22023', detail = '步骤只能是收货、处理完成或寄回';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot take a service step', c.status using errcode = '55000',
      detail = case c.status when 'awaiting_approval' then '该申请尚待审批，不能处理'
                             else '该售后单当前状态不能处理' end;
  end if;
  if p_step = 'received' and c.received_on is not null then
    raise exception 'the goods were already received on %', c.received_on using errcode = '55000',
      detail = '已登记收货，不能重复';
  end if;
  if p_step = 'done' and (c.received_on is null or c.work_done is not null) then
    raise exception '%', case when c.received_on is null then 'receive the goods first (step received)'
                              else 'what was done is already recorded' end
      using errcode = '55000', detail = case when c.received_on is null then '请先登记收货'
                                             else '已登记处理结果，不能重复' end;
  end if;
  if p_step = 'sent_back' and c.work_done is null then
    raise exception 'record what was done first (step done)' using errcode = '55000',
      detail = '请先登记处理结果';
  end if;
  if day > today then
    raise exception 'the date % is in the future', day using errcode = '22023',
      detail = '日期不能晚于今天';
  end if;
  opened := (c.opened_at at time zone private.company_tz())::date;
  if day < coalesce(case p_step when 'received' then opened when 'done' then c.received_on
                                else c.done_on end, day) then
    raise exception 'the date % is before the step before it (%)', day,
      case p_step when 'received' then opened when 'done' then c.received_on else c.done_on end
      using errcode = '22023', detail = '日期不能早于上一步的日期';
  end if;
  if p_step = 'done' and note is null then
    raise exception 'say what was done (p_note)' using errcode = '22023', detail = '请填写处理内容';
  end if;
  if char_length(p_note) > 4000 then
    raise exception 'the note is longer than 4000 characters' using errcode = '22023',
      detail = '说明不能超过4000字';
  end if;
  update public.cases
     set received_on = case when p_step = 'received' then day else received_on end,
         done_on = case when p_step = 'done' then day else done_on end,
         work_done = case when p_step = 'done' then note else work_done end,
         sent_back_on = case when p_step = 'sent_back' then day else sent_back_on end,
         status = case p_step when 'received' then 'in_progress' when 'sent_back' then 'resolved'
                              else status end,
         updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()),
          case when c.status <> was then 'status' else 'note' end, note, was, c.status, p_step, day);
  return c;
end
$$;

-- Resolve a case that has no other way to `resolved`: a return, a delivery discrepancy or an
-- incident, open or in progress, with what was done. (Repairs, packaging exchanges and exchanges
-- resolve by being sent back; complaints by their answer.)
create or replace function public.case_resolve(p_case_id uuid, p_resolution text)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_service(p_case_id);
  was text := c.status;
begin
  if c.kind in ('repair', 'packaging_exchange', 'exchange') then
    raise exception 'a % is resolved by sending the goods back (case_service_step)', c.kind
      using errcode = '55000', detail = '维修、调换包装和换货单在寄回后自动办结';
  end if;
  if c.kind = 'complaint' then
    raise exception 'a complaint is resolved by its answer to the customer' using errcode = '55000',
      detail = '投诉须答复客户后办结';
  end if;
  if c.status not in ('open', 'in_progress') then
    raise exception 'a % case cannot be resolved', c.status using errcode = '55000',
      detail = '该售后单当前状态不能办结';
  end if;
  if length(btrim(coalesce(p_resolution, ''))) = 0 then
    raise exception 'say what was done (p_resolution)' using errcode = '22023',
      detail = '请填写处理结果';
  end if;
  if char_length(p_resolution) > 4000 then
    raise exception 'the resolution is longer than 4000 characters' using errcode = '22023',
      detail = '处理结果不能超过4000字';
  end if;
  update public.cases set status = 'resolved', resolution = btrim(p_resolution), updated_at = now()
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, from_status,
                                  to_status, step, step_on)
  values (c.id, c.customer_id, (select auth.uid()), 'status', c.resolution, was, 'resolved',
          'resolved', private.company_today());
  return c;
end
$$;

-- 8 grants --------------------------------------------------------------------------------------

revoke all on function private.check_returns_window(), private.returns_window_days(text),
  private.case_was_rejected(uuid, text), private.shipment_returnable(uuid, uuid),
  private.case_id_taken(uuid), private.credit_return(uuid, date, date),
  private.case_for_service(uuid), private.check_case_request(), private.guard_case_request_row(),
  private.open_requested_case(), private.guard_return_case() from public;
grant execute on function private.check_returns_window(), private.returns_window_days(text),
  private.case_was_rejected(uuid, text), private.shipment_returnable(uuid, uuid),
  private.case_id_taken(uuid), private.case_for_service(uuid), private.check_case_request(),
  private.guard_case_request_row(), private.open_requested_case(), private.guard_return_case()
  to authenticated, service_role;
grant execute on function private.credit_return(uuid, date, date) to service_role;

revoke all on function public.case_approve(uuid, boolean, text),
  public.case_service_step(uuid, text, date, text), public.case_resolve(uuid, text)
  from public, anon;
grant execute on function public.case_approve(uuid, boolean, text),
  public.case_service_step(uuid, text, date, text), public.case_resolve(uuid, text)
  to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
