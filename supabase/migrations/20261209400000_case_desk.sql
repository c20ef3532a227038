-- Issue 16, the case desk (售后工作台): what area managers and managers list and open to act on
-- a case. Read-only functions, security invoker: the policies on cases, customers and profiles
-- decide what each caller sees (staff: the customers in their scope; a dealer: its own cases,
-- never an internal event).

-- Open cases (and, with p_closed, closed ones too) in the caller's scope, overdue first: a case
-- is overdue when it is neither resolved nor closed and its due time has passed at p_as_of.
-- last_at is the time of the case's latest event (its last progress).
create or replace function public.case_desk(p_as_of timestamptz default null,
                                            p_closed boolean default false)
returns table (id uuid, kind text, status text, severity text, customer_id uuid,
               customer_code text, customer_name text, owner_id uuid, owner_name text,
               escalation_level smallint, title text, opened_at timestamptz,
               due_at timestamptz, last_at timestamptz, age_days integer, overdue boolean,
               answered boolean, decided boolean)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  tz text := private.company_tz();
begin
  perform private.require_staff();
  return query
  select k.id, k.kind, k.status, k.severity, k.customer_id, c.code, c.name, k.owner_id,
         p.full_name, k.escalation_level, k.title, k.opened_at, k.due_at,
         coalesce(e.last_at, k.opened_at),
         greatest(0, (as_of at time zone tz)::date - (k.opened_at at time zone tz)::date)::integer,
         k.status not in ('resolved', 'closed') and k.due_at is not null and k.due_at < as_of,
         k.answer is not null, k.decision is not null
    from public.cases k
    join public.customers c on c.id = k.customer_id
    left join public.profiles p on p.id = k.owner_id
    left join lateral (select max(ev.at) as last_at from public.case_events ev
                        where ev.case_id = k.id) e on true
   where k.deleted_at is null
     and (coalesce(p_closed, false) or k.status <> 'closed')
   order by 16 desc, k.due_at nulls last, k.opened_at, k.id;
end
$$;

-- One case with everything its screen shows: the case, its customer's name, the owner's name,
-- the lines with their products and the history with who acted (names the caller may read;
-- a dealer reads its own name only). P0002 when the caller does not see the case.
create or replace function public.case_detail(p_case_id uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  k public.cases;
  result jsonb;
begin
  perform private.require_caller();
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  select to_jsonb(k) || jsonb_build_object(
    'customer_name', (select c.name from public.customers c where c.id = k.customer_id),
    'customer_code', (select c.code from public.customers c where c.id = k.customer_id),
    'owner_name', (select p.full_name from public.profiles p where p.id = k.owner_id),
    'opened_by_name', (select p.full_name from public.profiles p where p.id = k.opened_by),
    'lines', coalesce((
      select jsonb_agg(to_jsonb(l) || jsonb_build_object('sku', pr.sku, 'product', pr.name,
                                                         'doc_no', s.doc_no, 'line_no', s.line_no)
                       order by s.doc_no, s.line_no, l.id)
        from public.case_lines l
        left join public.products pr on pr.id = l.product_id
        left join public.shipments s on s.id = l.shipment_id
       where l.case_id = k.id and l.deleted_at is null), '[]'::jsonb),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.id)
        from public.case_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.case_id = k.id and ev.deleted_at is null), '[]'::jsonb))
  into result;
  return result;
end
$$;

-- Who may own the case (case_assign's rule: active staff who serve its customer), for the
-- assign picker: area managers and managers only.
create or replace function public.case_staff(p_case_id uuid)
returns table (id uuid, full_name text, role text)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  k public.cases;
begin
  perform private.require_staff();
  if (select private.my_role()) not in ('area_manager', 'manager') then
    perform private.deny('only an area manager or a manager assigns a case',
                         '只有区域经理或销售经理可以指派售后单');
  end if;
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  return query
  select p.id, p.full_name, p.role from public.profiles p
   where p.role <> 'dealer' and private.staff_sees_customer(p.id, k.customer_id)
   order by case p.role when 'rep' then 0 when 'area_manager' then 1 else 2 end, p.full_name, p.id;
end
$$;

revoke all on function public.case_desk(timestamptz, boolean), public.case_detail(uuid),
  public.case_staff(uuid) from public, anon;
grant execute on function public.case_desk(timestamptz, boolean), public.case_detail(uuid),
  public.case_staff(uuid) to authenticated, service_role;
