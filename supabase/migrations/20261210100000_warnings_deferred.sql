-- Deferring the immediate re-evaluation of warnings (issue 16, "the demo's extra time").
--
-- A shipped order, a return credited by rule, an answered complaint and a sync push re-evaluate
-- their customer's warnings at once, one customer per call. A service-side batch that makes many
-- such changes in a row (the demo's seeding: every order shipped and every case worked through
-- the users' own functions) evaluates the same customer over and over; with the session setting
-- `fieldsales.defer_warnings = on` these calls skip the evaluation, and the batch evaluates the
-- customers it touched once at the end (backend.risk.evaluate). Only a session whose login may
-- act as service_role (postgres, the CLI) may defer, even while it acts as a user: a login of a
-- person's own cannot put off the warnings its changes raise (PostgREST's login may act as
-- service_role, but a request cannot set a setting). docs/warnings.md "Running it".
--
-- 1 private.warnings_deferred, private.reevaluate_warnings; 2 the callers: public.ship_order,
-- private.credit_return, public.case_answer, private.sync_reevaluate (their latest definitions,
-- in 20261208150000_outlet_orders.sql, 20261209100000_case_requests.sql,
-- 20261209200000_case_complaints.sql and 20261201090000_company_clock.sql, with only the
-- evaluation call changed).

-- 1 the setting ---------------------------------------------------------------------------------

-- Whether this session has put off the immediate re-evaluation of warnings (see above).
create or replace function private.warnings_deferred() returns boolean
language sql stable set search_path = ''
as $$
  select coalesce(current_setting('fieldsales.defer_warnings', true), '') = 'on'
         and pg_catalog.pg_has_role(session_user, 'service_role', 'member')
$$;
revoke all on function private.warnings_deferred() from public, anon;

-- Re-evaluate these customers' warnings as of a day now, unless the session deferred it.
create or replace function private.reevaluate_warnings(p_customer_ids uuid[], p_as_of date)
returns void
language plpgsql set search_path = ''
as $$
begin
  if not private.warnings_deferred() then
    perform private.evaluate_warnings_core(p_customer_ids, p_as_of);
  end if;
end
$$;
revoke all on function private.reevaluate_warnings(uuid[], date) from public, anon;

-- 2 the callers ---------------------------------------------------------------------------------

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
  perform private.reevaluate_warnings(array[o.customer_id], today);
  return o;
end
$$;

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
  perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
end
$$;

create or replace function public.case_answer(p_case_id uuid, p_answer text)
returns public.cases
language plpgsql security definer set search_path = ''
as $$
declare
  c public.cases := private.case_for_action(p_case_id);
  role text := (select private.my_role());
  was text := c.status;
begin
  if not (role in ('area_manager', 'manager')
          or (role = 'rep' and c.owner_id = (select auth.uid()))) then
    perform private.deny('only the case''s owner, an area manager or a manager answers the customer',
                         '只有负责人、区域经理或销售经理可以答复客户');
  end if;
  if c.kind = 'incident' then
    raise exception 'an incident is internal: it has no answer to the customer'
      using errcode = '22023', detail = '重大变故为内部记录，无需答复客户';
  end if;
  if length(btrim(coalesce(p_answer, ''))) = 0 then
    raise exception 'an answer is required' using errcode = '22023', detail = '请填写答复内容';
  end if;
  if length(p_answer) > 4000 then
    raise exception 'the answer is longer than 4000 characters' using errcode = '22023',
      detail = '答复不能超过4000字';
  end if;
  update public.cases
     set answer = btrim(p_answer), answered_at = now(), updated_at = now(),
         status = case when kind = 'complaint' and status in ('open', 'in_progress')
                       then 'resolved' else status end
   where id = c.id returning * into c;
  insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                  from_status, to_status)
  values (c.id, c.customer_id, (select auth.uid()), 'answered', c.answer, false, was, c.status);
  -- an answered complaint clears complaint_unanswered now, not at the next nightly run
  if c.kind = 'complaint' then
    perform private.reevaluate_warnings(array[c.customer_id], private.company_today());
  end if;
  return c;
end
$$;

create or replace function private.sync_reevaluate(p_customer_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  visible uuid[];
begin
  select array_agg(i) into visible from unnest(p_customer_ids) i
   where i in (select private.staff_customer_ids());
  if visible is not null then
    perform private.reevaluate_warnings(visible, private.company_today());
  end if;
end
$$;
