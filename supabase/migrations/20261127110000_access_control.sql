-- Access control: who may see and change what (rep, area manager, manager, dealer; anon nothing).
-- Sections: 1 who am I (private helpers), 2 guards (column and transition rules in triggers),
-- 3 grants, 4 policies, 5 RPC functions.
--
-- Policies are one per command, `to authenticated`, named as sentences. They compare columns
-- with the result of helper functions wrapped in `(select ...)`, so each helper runs once per
-- statement (an initplan or a hashed subplan), never once per row.

-- 1 who am I -----------------------------------------------------------------------------------
-- security definer so that policies can read profiles/customers without recursing into their
-- own policies; they only ever describe the caller, so calling them directly reveals nothing.

grant usage on schema private to authenticated;

create or replace function private.my_role() returns text
language sql stable security definer set search_path = ''
as $$
  select p.role from public.profiles p where p.id = (select auth.uid()) and p.active
$$;

create or replace function private.is_manager() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select private.my_role()) = 'manager', false)
$$;

create or replace function private.is_staff() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select private.my_role()) in ('rep', 'area_manager', 'manager'), false)
$$;

-- The caller's area and every area below it (a manager has none: they see everything).
create or replace function private.my_area_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive tree as (
    select p.area_id as id from public.profiles p
    where p.id = (select auth.uid()) and p.active and p.role in ('rep', 'area_manager')
      and p.area_id is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select id from tree
$$;

-- Customers the caller may see as staff: a manager all, an area manager those in their areas,
-- a rep those they own and the outlets below them. Dealers and strangers: none.
create or replace function private.staff_customer_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  who uuid := (select auth.uid());
  role text := (select private.my_role());
begin
  if role = 'manager' then
    return query select c.id from public.customers c;
  elsif role = 'area_manager' then
    return query select c.id from public.customers c
      where c.area_id in (select private.my_area_ids());
  elsif role = 'rep' then
    return query
      with recursive mine as (
        select c.id from public.customers c where c.owner_id = who
        union
        select c.id from public.customers c join mine m on c.parent_id = m.id
      )
      select id from mine;
  end if;
end
$$;

-- Reps in the caller's areas (the people an area manager manages).
create or replace function private.managed_rep_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.profiles p
  where p.role = 'rep' and (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and p.area_id in (select private.my_area_ids()))
  )
$$;

-- A dealer's own company.
create or replace function private.my_customer_id() returns uuid
language sql stable security definer set search_path = ''
as $$
  select p.customer_id from public.profiles p
  where p.id = (select auth.uid()) and p.active and p.role = 'dealer'
$$;

revoke all on all functions in schema private from public;
grant execute on function
  private.my_role(), private.is_manager(), private.is_staff(), private.my_area_ids(),
  private.staff_customer_ids(), private.managed_rep_ids(), private.my_customer_id()
  to authenticated;

-- 2 guards --------------------------------------------------------------------------------------
-- Rules that depend on who writes and which fields change. They apply to API users
-- (current_user = 'authenticated'); the service side and security-definer functions pass.

create or replace function private.deny(what text, zh text) returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception '%', what using errcode = '42501', detail = zh;
end
$$;

create or replace function private.guard_customer() returns trigger
language plpgsql set search_path = ''
as $$
declare
  role text := (select private.my_role());
begin
  if current_user <> 'authenticated' or role = 'manager' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.credit_limit <> 0 then
      perform private.deny('only a manager sets a credit limit', '只有销售经理可以设定信用额度');
    end if;
    if role = 'rep' and new.tier = 1 then
      perform private.deny('reps create tier 2 and 3 outlets only', '业务员只能新建二批和终端网点');
    end if;
    new.created_by := (select auth.uid());
    return new;
  end if;
  if new.credit_limit is distinct from old.credit_limit then
    perform private.deny('only a manager changes a credit limit', '只有销售经理可以修改信用额度');
  end if;
  if role = 'rep' and (new.owner_id, new.area_id, new.tier, new.payment_terms_days)
      is distinct from (old.owner_id, old.area_id, old.tier, old.payment_terms_days) then
    perform private.deny(
      'a rep cannot change a customer''s owner, area, tier or payment terms',
      '业务员不能修改客户的负责人、区域、层级或账期');
  end if;
  return new;
end
$$;

create trigger customers_guard
  before insert or update on public.customers
  for each row execute function private.guard_customer();

-- Only an approver decides a plan; a rep moves their own plan between draft, submitted and
-- withdrawn, and only before a decision.
create or replace function private.guard_visit_plan() returns trigger
language plpgsql set search_path = ''
as $$
declare
  who uuid := (select auth.uid());
  approver boolean;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  approver := (select private.is_manager())
    or new.rep_id in (select private.managed_rep_ids());
  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'submitted') or new.decided_by is not null then
      perform private.deny('a new plan is a draft or submitted', '新计划只能是草稿或已提交');
    end if;
    if new.status = 'submitted' then
      new.submitted_at := now();
    end if;
    return new;
  end if;
  if new.rep_id is distinct from old.rep_id or new.week_start is distinct from old.week_start then
    perform private.deny('a plan''s rep and week are fixed', '计划的业务员和周次不能修改');
  end if;
  if new.status = old.status then
    if (new.decided_by, new.decided_at, new.decision_comment)
        is distinct from (old.decided_by, old.decided_at, old.decision_comment) then
      perform private.deny('only a decision changes decision fields', '审批信息只能由审批操作修改');
    end if;
    return new;
  end if;
  if new.status in ('approved', 'rejected') then
    if not approver or who = old.rep_id then
      perform private.deny('only the area manager or a manager decides a plan',
                           '只有区域经理或销售经理可以审批计划');
    end if;
    if old.status <> 'submitted' then
      raise exception 'only a submitted plan can be decided (it is %)', old.status
        using errcode = '55000', detail = '只有已提交的计划可以审批';
    end if;
    new.decided_by := who;
    new.decided_at := now();
    return new;
  end if;
  if who <> old.rep_id then
    perform private.deny('only the rep submits or withdraws a plan', '只有业务员本人可以提交或撤回计划');
  end if;
  if not ((old.status in ('draft', 'withdrawn', 'rejected') and new.status = 'submitted')
       or (old.status = 'submitted' and new.status = 'withdrawn')
       or (old.status in ('withdrawn', 'rejected') and new.status = 'draft')) then
    raise exception 'a plan cannot go from % to %', old.status, new.status
      using errcode = '55000', detail = '计划状态不能这样变更';
  end if;
  if new.status = 'submitted' then
    new.submitted_at := now();
  end if;
  new.decided_by := old.decided_by;
  new.decided_at := old.decided_at;
  new.decision_comment := old.decision_comment;
  return new;
end
$$;

create trigger visit_plans_guard
  before insert or update on public.visit_plans
  for each row execute function private.guard_visit_plan();

-- Stops change only while their plan is open for editing.
create or replace function private.guard_plan_stop() returns trigger
language plpgsql set search_path = ''
as $$
declare
  plan_status text;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  select p.status into plan_status from public.visit_plans p
  where p.id = coalesce(new.plan_id, old.plan_id);
  if plan_status not in ('draft', 'withdrawn', 'rejected') then
    raise exception 'the stops of a % plan cannot change', plan_status
      using errcode = '55000', detail = '已提交或已审批的计划不能修改拜访点';
  end if;
  return coalesce(new, old);
end
$$;

create trigger visit_plan_stops_guard
  before insert or update or delete on public.visit_plan_stops
  for each row execute function private.guard_plan_stop();

-- A dealer confirms a delivery: only the confirmation fields, only once.
create or replace function private.guard_shipment() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user <> 'authenticated' or (select private.my_role()) <> 'dealer' then
    return new;
  end if;
  if (to_jsonb(new) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at'])
     is distinct from
     (to_jsonb(old) - array['confirmed_at', 'confirmed_by', 'received_quantity',
        'damaged_quantity', 'discrepancy_note', 'updated_at']) then
    perform private.deny('a dealer can only fill in the delivery confirmation',
                         '经销商只能填写到货确认信息');
  end if;
  if old.confirmed_at is not null then
    raise exception 'this delivery was already confirmed' using errcode = '55000',
      detail = '该批货物已确认收货';
  end if;
  new.confirmed_by := (select auth.uid());
  new.confirmed_at := now();
  return new;
end
$$;

create trigger shipments_guard
  before update on public.shipments
  for each row execute function private.guard_shipment();

-- Warnings are written by the server; people move them through their lifecycle. A rep may
-- acknowledge or investigate the warnings they own; assigning and resolving is for managers.
create or replace function private.guard_warning() returns trigger
language plpgsql set search_path = ''
as $$
declare
  role text := (select private.my_role());
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if (to_jsonb(new) - array['status', 'owner_id', 'notes', 'acknowledged_at', 'resolved_at',
        'resolution', 'updated_at'])
     is distinct from
     (to_jsonb(old) - array['status', 'owner_id', 'notes', 'acknowledged_at', 'resolved_at',
        'resolution', 'updated_at']) then
    perform private.deny('a warning''s cause and figures are written by the server',
                         '预警的原因和数据由系统生成');
  end if;
  if role = 'rep' and (new.status in ('resolved', 'open') and new.status <> old.status
                       or new.owner_id is distinct from old.owner_id) then
    perform private.deny('only a manager assigns or resolves a warning',
                         '只有区域经理或销售经理可以指派或解除预警');
  end if;
  if old.status = 'resolved' and new.status <> 'resolved' then
    raise exception 'a resolved warning stays resolved' using errcode = '55000',
      detail = '已解除的预警不能重新打开';
  end if;
  if new.status = 'acknowledged' and old.status <> 'acknowledged' then
    new.acknowledged_at := coalesce(old.acknowledged_at, now());
  end if;
  if new.status = 'resolved' and old.status <> 'resolved' then
    new.resolved_at := now();
  end if;
  return new;
end
$$;

create trigger warnings_guard
  before update on public.warnings
  for each row execute function private.guard_warning();

revoke all on function private.deny(text, text), private.guard_customer(),
  private.guard_visit_plan(), private.guard_plan_stop(), private.guard_shipment(),
  private.guard_warning() from public;
grant execute on function private.deny(text, text), private.guard_customer(),
  private.guard_visit_plan(), private.guard_plan_stop(), private.guard_shipment(),
  private.guard_warning() to authenticated;

-- 3 grants --------------------------------------------------------------------------------------
-- anon gets nothing at all. authenticated gets table privileges that RLS then narrows; columns
-- set only by the server are not updatable through the API.

revoke all on all tables in schema public from anon;
alter default privileges in schema public revoke all on tables from anon;
revoke update on public.customers from authenticated;
grant update (name, parent_id, owner_id, area_id, status, address, lat, lng, contact_name, phone,
  credit_limit, payment_terms_days, sub_distributor_count, coverage, capital_10k, hot_brands,
  warehouse_m2, vehicles, staff, management_flexibility, exclusive, since, deleted_at, tier)
  on public.customers to authenticated;
revoke insert on public.customers from authenticated;
grant insert (id, code, name, tier, parent_id, owner_id, area_id, status, address, lat, lng,
  contact_name, phone, credit_limit, payment_terms_days, sub_distributor_count, coverage,
  capital_10k, hot_brands, warehouse_m2, vehicles, staff, management_flexibility, exclusive, since)
  on public.customers to authenticated;
revoke insert, update, delete on public.customer_classifications from authenticated;
revoke insert, delete on public.warnings from authenticated;
revoke update on public.profiles from authenticated;
grant update (full_name, phone) on public.profiles to authenticated;

-- 4 policies ------------------------------------------------------------------------------------

-- areas: staff read; managers write
create policy "Staff can read areas" on public.areas
  for select to authenticated using ((select private.is_staff()));
create policy "Managers can create areas" on public.areas
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update areas" on public.areas
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete areas" on public.areas
  for delete to authenticated using ((select private.is_manager()));

-- profiles: everyone reads their own; staff read staff; staff who see a dealer read its logins
create policy "People can read their own profile and staff can read colleagues" on public.profiles
  for select to authenticated using (
    id = (select auth.uid())
    or ((select private.is_staff()) and role <> 'dealer')
    or ((select private.is_staff()) and customer_id in (select private.staff_customer_ids()))
  );
create policy "People can update their own name and phone" on public.profiles
  for update to authenticated using (id = (select auth.uid()));

-- customers: staff by visibility; reps create outlets in their area as their own
create policy "Staff can read the customers they look after" on public.customers
  for select to authenticated using (
    (select private.is_manager()) or id in (select private.staff_customer_ids())
  );
create policy "Staff can create customers in their areas" on public.customers
  for insert to authenticated with check (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and area_id in (select private.my_area_ids()))
    or ((select private.my_role()) = 'rep' and owner_id = (select auth.uid())
        and area_id in (select private.my_area_ids()))
  );
create policy "Staff can update the customers they look after" on public.customers
  for update to authenticated
  using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and area_id in (select private.my_area_ids()))
    or ((select private.my_role()) = 'rep' and owner_id = (select auth.uid()))
  )
  with check (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and area_id in (select private.my_area_ids()))
    or ((select private.my_role()) = 'rep' and owner_id = (select auth.uid()))
  );
create policy "Managers can delete customers" on public.customers
  for delete to authenticated using ((select private.is_manager()));

-- records that hang off a customer and that staff keep: contacts, photos
create policy "Staff can read contacts of their customers" on public.customer_contacts
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can add contacts to their customers" on public.customer_contacts
  for insert to authenticated with check (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can update contacts of their customers" on public.customer_contacts
  for update to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can delete contacts of their customers" on public.customer_contacts
  for delete to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));

create policy "Staff can read photos of their customers" on public.photos
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can add photos of their customers" on public.photos
  for insert to authenticated with check (
    taken_by = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
create policy "Photographers can update their photos" on public.photos
  for update to authenticated using (taken_by = (select auth.uid()));
create policy "Photographers and managers can delete photos" on public.photos
  for delete to authenticated using (
    taken_by = (select auth.uid()) or (select private.is_manager()));

-- social relations and standing: the author's chain of command only
create policy "Authors, their area managers and managers can read notes" on public.customer_notes
  for select to authenticated using (
    author_id = (select auth.uid())
    or (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and author_id in (select private.managed_rep_ids()))
  );
create policy "Staff can write notes on their customers" on public.customer_notes
  for insert to authenticated with check (
    author_id = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
create policy "Authors can update their notes" on public.customer_notes
  for update to authenticated using (author_id = (select auth.uid()));
create policy "Authors and managers can delete notes" on public.customer_notes
  for delete to authenticated using (
    author_id = (select auth.uid()) or (select private.is_manager()));

-- products: everyone signed in reads the catalogue; managers write
create policy "Signed-in people can read products" on public.products
  for select to authenticated using ((select private.my_role()) is not null);
create policy "Managers can create products" on public.products
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update products" on public.products
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete products" on public.products
  for delete to authenticated using ((select private.is_manager()));

-- contracts: staff read those of their customers, custodians theirs, a dealer its own;
-- managers write
create policy "Staff, custodians and the dealer can read a contract" on public.contracts
  for select to authenticated using (
    (select private.is_manager())
    or custodian_id = (select auth.uid())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Managers can create contracts" on public.contracts
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update contracts" on public.contracts
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete contracts" on public.contracts
  for delete to authenticated using ((select private.is_manager()));

create policy "Readers of a contract can read its lines" on public.contract_lines
  for select to authenticated using (
    contract_id in (select c.id from public.contracts c));
create policy "Managers can add contract lines" on public.contract_lines
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update contract lines" on public.contract_lines
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete contract lines" on public.contract_lines
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff who read a contract can read its history" on public.contract_events
  for select to authenticated using (
    (select private.is_staff()) and contract_id in (select c.id from public.contracts c));
create policy "Managers can record contract events" on public.contract_events
  for insert to authenticated with check (
    (select private.is_manager()) and actor_id = (select auth.uid()));
-- contract history is append-only: no update or delete policy

-- a dealer's ledger: plans, shipments, payments — staff by visibility, a dealer its own
create policy "Staff and the dealer can read sales plans" on public.sales_plans
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Area managers and managers can create sales plans" on public.sales_plans
  for insert to authenticated with check (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Area managers and managers can update sales plans" on public.sales_plans
  for update to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Area managers and managers can delete sales plans" on public.sales_plans
  for delete to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));

create policy "Staff and the dealer can read shipments" on public.shipments
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Managers can create shipments" on public.shipments
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers and the receiving dealer can update shipments" on public.shipments
  for update to authenticated using (
    (select private.is_manager()) or customer_id = (select private.my_customer_id()));
create policy "Managers can delete shipments" on public.shipments
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff and the dealer can read payments" on public.payments
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Managers can record payments" on public.payments
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update payments" on public.payments
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete payments" on public.payments
  for delete to authenticated using ((select private.is_manager()));

-- after-sales: the dealer raises returns and complaints; staff handle them
create policy "Staff and the dealer can read returns" on public.returns
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Staff and the dealer can raise returns" on public.returns
  for insert to authenticated with check (
    status = 'requested' and (
      (select private.is_manager())
      or customer_id in (select private.staff_customer_ids())
      or customer_id = (select private.my_customer_id())));
create policy "Area managers and managers can decide returns" on public.returns
  for update to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Managers can delete returns" on public.returns
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff and the dealer can read complaints" on public.complaints
  for select to authenticated using (
    (select private.is_manager())
    or customer_id in (select private.staff_customer_ids())
    or customer_id = (select private.my_customer_id())
  );
create policy "Staff and the dealer can raise complaints" on public.complaints
  for insert to authenticated with check (
    status = 'open' and raised_by = (select auth.uid()) and (
      (select private.is_manager())
      or customer_id in (select private.staff_customer_ids())
      or customer_id = (select private.my_customer_id())));
create policy "Staff can handle complaints of their customers" on public.complaints
  for update to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Managers can delete complaints" on public.complaints
  for delete to authenticated using ((select private.is_manager()));

-- internal records about a customer: staff only (never the dealer)
create policy "Staff can read support activities" on public.support_activities
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can plan support activities" on public.support_activities
  for insert to authenticated with check (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can update support activities" on public.support_activities
  for update to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Area managers and managers can delete support activities" on public.support_activities
  for delete to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));

create policy "Staff can read expenses" on public.expenses
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Area managers and managers can record expenses" on public.expenses
  for insert to authenticated with check (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Area managers and managers can update expenses" on public.expenses
  for update to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Managers can delete expenses" on public.expenses
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff can read expense budgets" on public.expense_budgets
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Managers can set expense budgets" on public.expense_budgets
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can update expense budgets" on public.expense_budgets
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete expense budgets" on public.expense_budgets
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff can read incidents" on public.incidents
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can report incidents at their customers" on public.incidents
  for insert to authenticated with check (
    reported_by = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
create policy "Reporters and their managers can update incidents" on public.incidents
  for update to authenticated using (
    reported_by = (select auth.uid())
    or (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Managers can delete incidents" on public.incidents
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff can read evaluations" on public.evaluations
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Area managers and managers can evaluate customers" on public.evaluations
  for insert to authenticated with check (
    evaluator_id = (select auth.uid()) and (
      (select private.is_manager())
      or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids()))));
create policy "Evaluators can update their evaluations" on public.evaluations
  for update to authenticated using (evaluator_id = (select auth.uid()));
create policy "Managers can delete evaluations" on public.evaluations
  for delete to authenticated using ((select private.is_manager()));

create policy "Staff can read classification history" on public.customer_classifications
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));

create policy "Staff can read warnings of their customers" on public.warnings
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Owners and managers can move warnings along" on public.warnings
  for update to authenticated using (
    (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids()))
    or ((select private.my_role()) = 'rep' and owner_id = (select auth.uid())));

-- field work: a rep's own plans, visits, counts and orders; their managers read and approve.
-- Writes to a plan's stops, a visit's counts and an order's lines look up their one parent row
-- (exists, by primary key) instead of collecting all of the rep's parents on every statement.
create policy "Reps and their managers can read visit plans" on public.visit_plans
  for select to authenticated using (
    rep_id = (select auth.uid()) or rep_id in (select private.managed_rep_ids()));
create policy "Reps can create their own visit plans" on public.visit_plans
  for insert to authenticated with check (
    rep_id = (select auth.uid()) and (select private.my_role()) = 'rep');
create policy "Reps and their approvers can update visit plans" on public.visit_plans
  for update to authenticated using (
    rep_id = (select auth.uid()) or rep_id in (select private.managed_rep_ids()));
create policy "Reps can delete their draft plans" on public.visit_plans
  for delete to authenticated using (rep_id = (select auth.uid()) and status = 'draft');

create policy "Readers of a plan can read its stops" on public.visit_plan_stops
  for select to authenticated using (plan_id in (select p.id from public.visit_plans p));
create policy "Reps can add stops to their plans" on public.visit_plan_stops
  for insert to authenticated with check (
    exists (select from public.visit_plans p where p.id = plan_id and p.rep_id = (select auth.uid()))
    and customer_id in (select private.staff_customer_ids()));
create policy "Reps can update stops of their plans" on public.visit_plan_stops
  for update to authenticated using (
    exists (select from public.visit_plans p where p.id = plan_id and p.rep_id = (select auth.uid())));
create policy "Reps can delete stops of their plans" on public.visit_plan_stops
  for delete to authenticated using (
    exists (select from public.visit_plans p where p.id = plan_id and p.rep_id = (select auth.uid())));

create policy "Reps and their managers can read visits" on public.visits
  for select to authenticated using (
    rep_id = (select auth.uid()) or rep_id in (select private.managed_rep_ids()));
create policy "Reps can record visits to their customers" on public.visits
  for insert to authenticated with check (
    rep_id = (select auth.uid()) and customer_id in (select private.staff_customer_ids()));
create policy "Reps can update their visits" on public.visits
  for update to authenticated using (rep_id = (select auth.uid()))
  with check (rep_id = (select auth.uid()));
create policy "Reps can delete their visits" on public.visits
  for delete to authenticated using (rep_id = (select auth.uid()));

create policy "Staff can read stock counts of their customers" on public.stock_counts
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Reps can count stock on their visits" on public.stock_counts
  for insert to authenticated with check (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid()))
    and customer_id in (select private.staff_customer_ids()));
create policy "Reps can correct counts of their visits" on public.stock_counts
  for update to authenticated using (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid())));
create policy "Reps can delete counts of their visits" on public.stock_counts
  for delete to authenticated using (
    exists (select from public.visits v where v.id = visit_id and v.rep_id = (select auth.uid())));

create policy "Staff can read orders of their customers" on public.orders
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Reps can take orders from their customers" on public.orders
  for insert to authenticated with check (
    rep_id = (select auth.uid()) and customer_id in (select private.staff_customer_ids()));
create policy "Reps can edit their draft orders" on public.orders
  for update to authenticated using (rep_id = (select auth.uid()) and status = 'draft');
create policy "Reps can delete their draft orders" on public.orders
  for delete to authenticated using (rep_id = (select auth.uid()) and status = 'draft');

create policy "Readers of an order can read its lines" on public.order_lines
  for select to authenticated using (order_id in (select o.id from public.orders o));
create policy "Reps can add lines to their draft orders" on public.order_lines
  for insert to authenticated with check (
    exists (select from public.orders o where o.id = order_id
                 and o.rep_id = (select auth.uid()) and o.status = 'draft'));
create policy "Reps can change lines of their draft orders" on public.order_lines
  for update to authenticated using (
    exists (select from public.orders o where o.id = order_id
                 and o.rep_id = (select auth.uid()) and o.status = 'draft'));
create policy "Reps can delete lines of their draft orders" on public.order_lines
  for delete to authenticated using (
    exists (select from public.orders o where o.id = order_id
                 and o.rep_id = (select auth.uid()) and o.status = 'draft'));

-- settings: staff read, managers change
create policy "Staff can read settings" on public.settings
  for select to authenticated using ((select private.is_staff()));
create policy "Managers can add settings" on public.settings
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can change settings" on public.settings
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can delete settings" on public.settings
  for delete to authenticated using ((select private.is_manager()));

-- warning thresholds (per grade or customer): staff read, managers set
create policy "Staff can read warning thresholds" on public.warning_thresholds
  for select to authenticated using ((select private.is_staff()));
create policy "Managers can add warning thresholds" on public.warning_thresholds
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can change warning thresholds" on public.warning_thresholds
  for update to authenticated using ((select private.is_manager()));
create policy "Managers can remove warning thresholds" on public.warning_thresholds
  for delete to authenticated using ((select private.is_manager()));

-- conduct flags (窜货, 砸价) lower loyalty: staff who see the customer report and read them
create policy "Staff can read conduct flags of their customers" on public.customer_conduct_flags
  for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
create policy "Staff can flag conduct of their customers" on public.customer_conduct_flags
  for insert to authenticated with check (
    reported_by = (select auth.uid())
    and ((select private.is_manager()) or customer_id in (select private.staff_customer_ids())));
create policy "Reporters and managers can update conduct flags" on public.customer_conduct_flags
  for update to authenticated using (
    reported_by = (select auth.uid())
    or (select private.is_manager())
    or ((select private.my_role()) = 'area_manager' and customer_id in (select private.staff_customer_ids())));
create policy "Managers can delete conduct flags" on public.customer_conduct_flags
  for delete to authenticated using ((select private.is_manager()));

-- indexes behind the policies' columns
create index if not exists visits_rep_id_idx on public.visits (rep_id);
create index if not exists stock_counts_customer_id_idx on public.stock_counts (customer_id);
create index if not exists warnings_customer_id_idx on public.warnings (customer_id);
create index if not exists evaluations_customer_id_idx on public.evaluations (customer_id);
create index if not exists expense_budgets_customer_id_idx on public.expense_budgets (customer_id);
create index if not exists customer_classifications_customer_id_idx
  on public.customer_classifications (customer_id);
create index if not exists sales_plans_customer_id_idx on public.sales_plans (customer_id);
create index if not exists profiles_role_idx on public.profiles (role);
create index if not exists visit_plan_stops_plan_id_idx on public.visit_plan_stops (plan_id);

-- 5 RPC functions -------------------------------------------------------------------------------
-- Security invoker: RLS and the guards above decide; the functions check arguments and the
-- caller first so that every failure is one clear error (SQLSTATE + English message, Chinese
-- in DETAIL), and nothing is half done. Codes: 28000 not signed in, 42501 not allowed,
-- 22023 bad argument, P0002 not found (or not visible), 55000 wrong state.

create or replace function private.require_caller() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
  who uuid := (select auth.uid());
begin
  if who is null or (select private.my_role()) is null then
    raise exception 'not signed in' using errcode = '28000', detail = '请先登录';
  end if;
  return who;
end
$$;
revoke all on function private.require_caller() from public;
grant execute on function private.require_caller() to authenticated;

create or replace function public.whoami() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  who uuid := private.require_caller();
  result jsonb;
begin
  select jsonb_build_object(
    'id', p.id, 'email', p.email, 'full_name', p.full_name, 'role', p.role, 'phone', p.phone,
    'area', case when a.id is null then null
                 else jsonb_build_object('id', a.id, 'code', a.code, 'name', a.name) end,
    -- a dealer sees its own company without internal fields (grade, quadrant, notes)
    'company', case when c.id is null then null
                    else jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name,
                      'address', c.address, 'phone', c.phone, 'credit_limit', c.credit_limit) end)
  into result
  from public.profiles p
  left join public.areas a on a.id = p.area_id
  left join public.customers c on c.id = p.customer_id
  where p.id = who;
  return result;
end
$$;

create or replace function public.decide_visit_plan(p_plan_id uuid, p_decision text, p_comment text)
returns public.visit_plans
language plpgsql security invoker set search_path = ''
as $$
declare
  plan public.visit_plans;
begin
  perform private.require_caller();
  if p_plan_id is null then
    raise exception 'p_plan_id is required' using errcode = '22023', detail = '缺少计划编号';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'p_decision must be approved or rejected' using errcode = '22023',
      detail = '审批结果只能是 approved（批准）或 rejected（驳回）';
  end if;
  if p_decision = 'rejected' and length(btrim(coalesce(p_comment, ''))) = 0 then
    raise exception 'a rejection needs a comment' using errcode = '22023', detail = '驳回时必须填写意见';
  end if;
  if length(coalesce(p_comment, '')) > 2000 then
    raise exception 'the comment is longer than 2000 characters' using errcode = '22023',
      detail = '意见不能超过2000字';
  end if;
  select * into plan from public.visit_plans where id = p_plan_id;
  if not found then
    raise exception 'visit plan % not found', p_plan_id using errcode = 'P0002', detail = '找不到该拜访计划';
  end if;
  update public.visit_plans
     set status = p_decision, decision_comment = nullif(btrim(p_comment), '')
   where id = p_plan_id
  returning * into plan;
  if not found then  -- visible but not updatable: someone else's area
    perform private.deny('only the area manager or a manager decides a plan',
                         '只有区域经理或销售经理可以审批计划');
  end if;
  return plan;
end
$$;

create or replace function public.approve_visit_plan(p_plan_id uuid, p_comment text default null)
returns public.visit_plans
language sql security invoker set search_path = ''
as $$ select public.decide_visit_plan(p_plan_id, 'approved', p_comment) $$;

create or replace function public.reject_visit_plan(p_plan_id uuid, p_comment text)
returns public.visit_plans
language sql security invoker set search_path = ''
as $$ select public.decide_visit_plan(p_plan_id, 'rejected', p_comment) $$;

create or replace function public.confirm_delivery(
  p_shipment_id uuid, p_received_quantity numeric, p_damaged_quantity numeric default 0,
  p_note text default null)
returns public.shipments
language plpgsql security invoker set search_path = ''
as $$
declare
  row public.shipments;
begin
  perform private.require_caller();
  if (select private.my_role()) <> 'dealer' then
    perform private.deny('only the receiving dealer confirms a delivery', '只有收货的经销商可以确认到货');
  end if;
  if p_shipment_id is null or p_received_quantity is null or p_damaged_quantity is null then
    raise exception 'p_shipment_id, p_received_quantity and p_damaged_quantity are required'
      using errcode = '22023', detail = '缺少发货单或数量';
  end if;
  if p_received_quantity < 0 or p_damaged_quantity < 0 then
    raise exception 'quantities cannot be negative' using errcode = '22023', detail = '数量不能为负数';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '备注不能超过2000字';
  end if;
  select * into row from public.shipments where id = p_shipment_id;
  if not found then
    raise exception 'shipment % not found', p_shipment_id using errcode = 'P0002', detail = '找不到该发货记录';
  end if;
  if p_damaged_quantity > p_received_quantity then
    raise exception 'damaged quantity exceeds received quantity' using errcode = '22023',
      detail = '破损数量不能大于收货数量';
  end if;
  if (p_received_quantity <> row.quantity or p_damaged_quantity > 0)
     and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'a discrepancy or damage needs a note' using errcode = '22023',
      detail = '数量不符或有破损时必须填写说明';
  end if;
  update public.shipments
     set received_quantity = p_received_quantity, damaged_quantity = p_damaged_quantity,
         discrepancy_note = nullif(btrim(p_note), '')
   where id = p_shipment_id
  returning * into row;
  return row;
end
$$;

create or replace function public.set_warning_status(
  p_warning_id uuid, p_status text, p_note text default null)
returns public.warnings
language plpgsql security invoker set search_path = ''
as $$
declare
  row public.warnings;
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  if p_status is null or p_status not in ('acknowledged', 'investigating', 'resolved') then
    raise exception 'p_status must be acknowledged, investigating or resolved'
      using errcode = '22023', detail = '状态只能是 acknowledged（已确认）、investigating（调查中）或 resolved（已解除）';
  end if;
  if p_status = 'resolved' and length(btrim(coalesce(p_note, ''))) = 0 then
    raise exception 'resolving a warning needs a note' using errcode = '22023', detail = '解除预警时必须填写处理说明';
  end if;
  if length(coalesce(p_note, '')) > 2000 then
    raise exception 'the note is longer than 2000 characters' using errcode = '22023',
      detail = '说明不能超过2000字';
  end if;
  select * into row from public.warnings where id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  update public.warnings
     set status = p_status,
         resolution = case when p_status = 'resolved' then btrim(p_note) else resolution end,
         notes = case when p_status <> 'resolved' and p_note is not null
                      then concat_ws(E'\n', notes, btrim(p_note)) else notes end
   where id = p_warning_id
  returning * into row;
  if not found then
    perform private.deny('you cannot change this warning', '你无权处理该预警');
  end if;
  return row;
end
$$;

create or replace function public.assign_warning(p_warning_id uuid, p_owner_id uuid)
returns public.warnings
language plpgsql security invoker set search_path = ''
as $$
declare
  row public.warnings;
begin
  perform private.require_caller();
  if p_warning_id is null or p_owner_id is null then
    raise exception 'p_warning_id and p_owner_id are required' using errcode = '22023',
      detail = '缺少预警编号或负责人';
  end if;
  select * into row from public.warnings where id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  if not exists (select from public.profiles p
                 where p.id = p_owner_id and p.role in ('rep', 'area_manager', 'manager')
                   and p.active) then
    raise exception 'owner % is not an active staff member', p_owner_id using errcode = 'P0002',
      detail = '负责人不存在或不是在职员工';
  end if;
  update public.warnings set owner_id = p_owner_id where id = p_warning_id returning * into row;
  if not found then
    perform private.deny('you cannot assign this warning', '你无权指派该预警');
  end if;
  return row;
end
$$;

revoke all on function public.whoami(), public.decide_visit_plan(uuid, text, text),
  public.approve_visit_plan(uuid, text), public.reject_visit_plan(uuid, text),
  public.confirm_delivery(uuid, numeric, numeric, text),
  public.set_warning_status(uuid, text, text), public.assign_warning(uuid, uuid)
  from public, anon;
grant execute on function public.whoami(), public.decide_visit_plan(uuid, text, text),
  public.approve_visit_plan(uuid, text), public.reject_visit_plan(uuid, text),
  public.confirm_delivery(uuid, numeric, numeric, text),
  public.set_warning_status(uuid, text, text), public.assign_warning(uuid, uuid)
  to authenticated, service_role;
