-- Issue 17, the four quadrants: "eliminate" (淘汰) as a request by an area manager, confirmed or
-- refused by a manager, and conduct flags (窜货 cross_territory, 砸价 dumping) recorded with
-- evidence. Sections: 1 the requests, 2 access, 3 the request RPCs, 4 an eliminated customer
-- takes no new orders or visit stops, 5 conduct flags with evidence, 6 grants.
--
-- Confirmation sets customers.status = 'eliminated'. Existing orders, shipments, payments and
-- the ledger stay as they are (nothing is deleted). Note: the warnings evaluator leaves
-- eliminated customers out (their open warnings resolve as 'customer_inactive'); this migration
-- does not change that (see docs/access.md and the report of the task).

-- 1 the requests --------------------------------------------------------------------------------

create table public.customer_eliminations (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references public.customers (id),
  status text not null default 'requested'
    constraint customer_eliminations_status_check
    check (status in ('requested', 'confirmed', 'refused', 'withdrawn')),
  reason text not null,
  requested_by uuid not null references public.profiles (id),
  requested_at timestamptz not null default private.company_now(),
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  decision_note text,
  withdrawn_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint customer_eliminations_status_len check (char_length(status) <= 200),
  constraint customer_eliminations_reason_len check (char_length(reason) <= 4000),
  constraint customer_eliminations_decision_note_len check (char_length(decision_note) <= 4000),
  -- a decided request names who decided and when; a withdrawn one when
  constraint customer_eliminations_steps_check check (
    (status in ('confirmed', 'refused')) = (decided_by is not null and decided_at is not null)
    and (status = 'withdrawn') = (withdrawn_at is not null))
);
-- at most one open request per customer
create unique index customer_eliminations_open_idx on public.customer_eliminations (customer_id)
  where status = 'requested';
create index customer_eliminations_customer_id_idx on public.customer_eliminations (customer_id);
create index customer_eliminations_requested_by_idx on public.customer_eliminations (requested_by);
create index customer_eliminations_decided_by_idx on public.customer_eliminations (decided_by);
create trigger customer_eliminations_touch_updated_at before update on public.customer_eliminations
  for each row execute function private.touch_updated_at();

-- 2 access ----------------------------------------------------------------------------------------
-- Staff read the requests of the customers they see; only the RPCs below write.
alter table public.customer_eliminations enable row level security;
create policy "Staff can read elimination requests of their customers"
  on public.customer_eliminations for select to authenticated using (
    (select private.is_manager()) or customer_id in (select private.staff_customer_ids()));
revoke insert, update, delete on public.customer_eliminations from authenticated;

-- 3 the request RPCs ----------------------------------------------------------------------------

-- A reason or note: required or not, at most 4,000 characters; the field is named.
create or replace function private.elimination_check_text(p_text text, p_required boolean,
                                                          p_field text, p_zh text)
returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_required and length(btrim(coalesce(p_text, ''))) = 0 then
    raise exception '% is required', p_field using errcode = '22023',
      detail = format('请填写%s（%s）', p_zh, p_field);
  end if;
  if length(coalesce(p_text, '')) > 4000 then
    raise exception '% is longer than 4000 characters', p_field using errcode = '22023',
      detail = format('%s（%s）不能超过4000字', p_zh, p_field);
  end if;
end
$$;

-- An area manager asks to eliminate a customer of their areas, with a reason.
create or replace function public.request_elimination(p_customer_id uuid, p_reason text)
returns public.customer_eliminations
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  cust public.customers;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'area_manager' then
    perform private.deny('only an area manager requests to eliminate a customer',
                         '只有区域经理可以申请淘汰客户');
  end if;
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  select * into cust from public.customers c
   where c.id = p_customer_id and c.deleted_at is null
     and c.id in (select private.staff_customer_ids())
     for update;
  if not found then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  perform private.elimination_check_text(p_reason, true, 'reason', '淘汰理由');
  if cust.status = 'eliminated' then
    raise exception 'the customer is already eliminated' using errcode = '55000',
      detail = '该客户已经淘汰';
  end if;
  if exists (select from public.customer_eliminations e
              where e.customer_id = p_customer_id and e.status = 'requested') then
    raise exception 'the customer already has an open elimination request' using
      errcode = '55000', detail = '该客户已有待审批的淘汰申请';
  end if;
  insert into public.customer_eliminations (customer_id, reason, requested_by, requested_at)
  values (p_customer_id, btrim(p_reason), who, private.company_now())
  returning * into row;
  return row;
end
$$;

-- The open request, locked: P0002 when the caller does not see it, 55000 when decided.
create or replace function private.elimination_for_action(p_elimination_id uuid)
returns public.customer_eliminations
language plpgsql security definer set search_path = ''
as $$
declare
  row public.customer_eliminations;
begin
  if p_elimination_id is null then
    raise exception 'p_elimination_id is required' using errcode = '22023',
      detail = '缺少淘汰申请编号';
  end if;
  select * into row from public.customer_eliminations e where e.id = p_elimination_id for update;
  if not found or ((select private.my_role()) <> 'manager'
                   and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'elimination request % not found', p_elimination_id using errcode = 'P0002',
      detail = '找不到该淘汰申请';
  end if;
  if row.status <> 'requested' then
    raise exception 'the elimination request is already %', row.status using errcode = '55000',
      detail = '该淘汰申请已处理，不能再变更';
  end if;
  return row;
end
$$;

-- A manager confirms (the customer becomes eliminated) or refuses (a note is required).
create or replace function public.decide_elimination(p_elimination_id uuid, p_approved boolean,
                                                     p_note text default null)
returns public.customer_eliminations
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  if (select private.my_role()) <> 'manager' then
    perform private.deny('only a manager confirms or refuses an elimination',
                         '只有销售经理可以确认或驳回淘汰申请');
  end if;
  e := private.elimination_for_action(p_elimination_id);
  if p_approved is null then
    raise exception 'p_approved is required (confirm or refuse)' using errcode = '22023',
      detail = '请选择确认或驳回（approved）';
  end if;
  perform private.elimination_check_text(p_note, not p_approved, 'note', '驳回说明');
  update public.customer_eliminations
     set status = case when p_approved then 'confirmed' else 'refused' end,
         decided_by = who, decided_at = private.company_now(),
         decision_note = nullif(btrim(coalesce(p_note, '')), '')
   where id = e.id
  returning * into row;
  if p_approved then
    update public.customers set status = 'eliminated' where id = e.customer_id;
  end if;
  return row;
end
$$;

-- The requester takes the request back while it is open.
create or replace function public.withdraw_elimination(p_elimination_id uuid)
returns public.customer_eliminations
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  e public.customer_eliminations;
  row public.customer_eliminations;
begin
  e := private.elimination_for_action(p_elimination_id);
  if e.requested_by <> who then
    perform private.deny('only the area manager who asked withdraws an elimination request',
                         '只有提出申请的区域经理可以撤回淘汰申请');
  end if;
  update public.customer_eliminations
     set status = 'withdrawn', withdrawn_at = private.company_now()
   where id = e.id
  returning * into row;
  return row;
end
$$;

-- Requests in the caller's scope (area managers: their areas; managers: all), open ones by
-- default, oldest first; or every request of one customer, newest first.
create or replace function public.elimination_requests(p_customer_id uuid default null,
                                                       p_open_only boolean default true)
returns table (id uuid, customer_id uuid, customer_code text, customer_name text,
               area_name text, status text, reason text, requested_by uuid,
               requested_by_name text, requested_at timestamptz, decided_by_name text,
               decided_at timestamptz, decision_note text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only area managers and managers see elimination requests',
                         '只有区域经理和销售经理可以查看淘汰申请');
  end if;
  return query
    select e.id, e.customer_id, c.code, c.name, a.name, e.status, e.reason, e.requested_by,
           rp.full_name, e.requested_at, dp.full_name, e.decided_at, e.decision_note
      from public.customer_eliminations e
      join public.customers c on c.id = e.customer_id
      left join public.areas a on a.id = c.area_id
      left join public.profiles rp on rp.id = e.requested_by
      left join public.profiles dp on dp.id = e.decided_by
     where (p_customer_id is null or e.customer_id = p_customer_id)
       and (not coalesce(p_open_only, true) or e.status = 'requested')
       and ((select private.my_role()) = 'manager'
            or e.customer_id in (select private.staff_customer_ids()))
     order by case when p_customer_id is null then e.requested_at end asc,
              e.requested_at desc;
end
$$;

-- 4 an eliminated customer takes no new orders or visit stops ------------------------------------
-- People (a caller with a JWT, through the API, sync or an RPC) are refused; the service side
-- (imports of history) is not.
create or replace function private.refuse_eliminated_customer() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if (select auth.uid()) is not null
     and exists (select from public.customers c
                  where c.id = new.customer_id and c.status = 'eliminated') then
    if tg_table_name = 'orders' then
      raise exception 'the customer is eliminated: no new orders' using errcode = '55000',
        detail = '该客户已淘汰，不能再下订单';
    end if;
    raise exception 'the customer is eliminated: no new visit plans' using errcode = '55000',
      detail = '该客户已淘汰，不能再安排拜访';
  end if;
  return new;
end
$$;
create trigger orders_10_not_eliminated before insert on public.orders
  for each row execute function private.refuse_eliminated_customer();
create trigger visit_plan_stops_10_not_eliminated before insert on public.visit_plan_stops
  for each row execute function private.refuse_eliminated_customer();

-- 5 conduct flags with evidence -----------------------------------------------------------------

alter table public.customer_conduct_flags add column photo_ids uuid[] not null default '{}';
alter table public.customer_conduct_flags add constraint customer_conduct_flags_photo_ids_len
  check (cardinality(photo_ids) <= 20);

-- every photo of a flag is a live photo of the flagged customer
create trigger customer_conduct_flags_20_photo_ids
  before insert or update of photo_ids on public.customer_conduct_flags
  for each row execute function private.check_photo_ids();

-- The day of a flag: not in the future, not older than a year (company clock); people only.
create or replace function private.check_conduct_flag_day(p_day date) returns void
language plpgsql stable set search_path = ''
as $$
begin
  if p_day is null then
    raise exception 'flagged_on is required' using errcode = '22023',
      detail = '请填写发现日期（flagged_on）';
  end if;
  if p_day > private.company_today() then
    raise exception 'flagged_on % is in the future', p_day using errcode = '22023',
      detail = '发现日期（flagged_on）不能晚于今天';
  end if;
  if p_day < (private.company_today() - interval '1 year')::date then
    raise exception 'flagged_on % is more than a year ago', p_day using errcode = '22023',
      detail = '发现日期（flagged_on）不能早于一年前';
  end if;
end
$$;

create or replace function private.guard_conduct_flag_day() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (select auth.uid()) is not null
     and (tg_op = 'INSERT' or new.flagged_on is distinct from old.flagged_on) then
    perform private.check_conduct_flag_day(new.flagged_on);
  end if;
  return new;
end
$$;
create trigger customer_conduct_flags_10_day before insert or update
  on public.customer_conduct_flags
  for each row execute function private.guard_conduct_flag_day();

-- A rep (own customers), an area manager (their areas) or a manager records a flag with its
-- evidence: the kind, the day it was seen, a note (required) and photos of the customer.
create or replace function public.record_conduct_flag(p_customer_id uuid, p_kind text,
                                                      p_flagged_on date, p_note text,
                                                      p_photo_ids uuid[] default '{}')
returns public.customer_conduct_flags
language plpgsql security definer set search_path = ''
as $$
declare
  who uuid := private.require_staff();
  row public.customer_conduct_flags;
begin
  if p_customer_id is null then
    raise exception 'p_customer_id is required' using errcode = '22023', detail = '缺少客户编号';
  end if;
  if not exists (select from public.customers c
                  where c.id = p_customer_id and c.deleted_at is null
                    and c.id in (select private.staff_customer_ids())) then
    raise exception 'customer % not found', p_customer_id using errcode = 'P0002',
      detail = '找不到该客户';
  end if;
  if p_kind is null or p_kind not in ('cross_territory', 'dumping') then
    raise exception 'kind must be cross_territory or dumping (got %)', p_kind
      using errcode = '22023', detail = '类型（kind）必须是窜货或砸价';
  end if;
  perform private.check_conduct_flag_day(p_flagged_on);
  perform private.elimination_check_text(p_note, true, 'note', '情况说明');
  if cardinality(coalesce(p_photo_ids, '{}')) > 20 then
    raise exception 'at most 20 photos' using errcode = '22023', detail = '照片（photo_ids）最多20张';
  end if;
  insert into public.customer_conduct_flags (customer_id, kind, flagged_on, reported_by, note,
                                             photo_ids)
  values (p_customer_id, p_kind, p_flagged_on, who, btrim(p_note), coalesce(p_photo_ids, '{}'))
  returning * into row;
  return row;
end
$$;

-- 6 grants --------------------------------------------------------------------------------------

revoke all on function private.elimination_check_text(text, boolean, text, text),
  private.elimination_for_action(uuid), private.refuse_eliminated_customer(),
  private.check_conduct_flag_day(date), private.guard_conduct_flag_day() from public, anon;
grant execute on function private.elimination_check_text(text, boolean, text, text),
  private.elimination_for_action(uuid), private.check_conduct_flag_day(date) to service_role;
-- triggers run as the writer: direct writes by people need these
grant execute on function private.refuse_eliminated_customer(),
  private.guard_conduct_flag_day(), private.check_conduct_flag_day(date)
  to authenticated, service_role;

revoke all on function public.request_elimination(uuid, text),
  public.decide_elimination(uuid, boolean, text), public.withdraw_elimination(uuid),
  public.elimination_requests(uuid, boolean),
  public.record_conduct_flag(uuid, text, date, text, uuid[]) from public, anon;
grant execute on function public.request_elimination(uuid, text),
  public.decide_elimination(uuid, boolean, text), public.withdraw_elimination(uuid),
  public.elimination_requests(uuid, boolean),
  public.record_conduct_flag(uuid, text, date, text, uuid[]) to authenticated, service_role;

select private.install_write_guards();
select private.add_active_user_policies();
