-- Deliveries from before the app (issue 16): a company adopting the app imports years of
-- shipments that no dealer will ever confirm. The setting `delivery.confirm_from` (a date; null
-- or absent: every delivery) says from which shipping date deliveries wait for the dealer's
-- confirmation. Older unconfirmed deliveries are history: never overdue, not on the rep's Today,
-- not pulled to a dealer's phone beyond the usual 180 days; they may still be confirmed.

insert into public.settings (key, value, description) values
  ('delivery.confirm_from', 'null',
   'Deliveries shipped before this date (YYYY-MM-DD) need no confirmation: history from before the app; null = every delivery')
on conflict (key) do nothing;

create function private.check_confirm_from() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if jsonb_typeof(new.value) = 'null' then
    return new;
  end if;
  if jsonb_typeof(new.value) <> 'string' or (new.value #>> '{}') !~ '^\d{4}-\d{2}-\d{2}$' then
    raise exception 'delivery.confirm_from must be a date YYYY-MM-DD or null (got %)', new.value
      using errcode = '22023', detail = '到货确认启用日期必须是 YYYY-MM-DD 格式的日期或留空';
  end if;
  begin
    perform (new.value #>> '{}')::date;
  exception when others then
    raise exception 'delivery.confirm_from is not a real date (got %)', new.value
      using errcode = '22023', detail = '到货确认启用日期不是有效日期';
  end;
  return new;
end
$$;
create trigger settings_confirm_from_check
  before insert or update on public.settings
  for each row when (new.key = 'delivery.confirm_from')
  execute function private.check_confirm_from();

-- The first shipping date that waits for confirmation ('-infinity' when every delivery does).
create function private.delivery_confirm_from() returns date
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value #>> '{}')::date from public.settings s
                    where s.key = 'delivery.confirm_from' and s.deleted_at is null
                      and jsonb_typeof(s.value) = 'string'), '-infinity'::date)
$$;

-- A dealer's phone tells waiting deliveries from history and overdue ones itself (offline), and
-- keeps the company's calendar: it reads these settings, and only these.
create policy "Dealers can read the settings their app needs" on public.settings
  for select to authenticated using (
    key in ('company.timezone', 'delivery.confirm_days', 'delivery.confirm_from')
    and (select private.my_role()) = 'dealer');

-- A dealer's phone pulls the deliveries waiting for it and those of the last 180 days.
update private.sync_tables
   set pull_filter = '(t.confirmed_at is null and t.shipped_on >= private.delivery_confirm_from())'
                     ' or t.shipped_on >= private.company_today() - 180'
                     ' or t.confirmed_at >= private.day_start(private.company_today() - 180)'
 where name = 'shipments';

-- dealer_deliveries of 20261208100000_cases_deliveries.sql with `awaiting` (the delivery waits for
-- this dealer's confirmation) and only what a dealer needs: waiting deliveries, those with a
-- discrepancy case, and the last 180 days of history.
drop function public.dealer_deliveries(date);
create function public.dealer_deliveries(p_as_of date default null)
returns table (doc_no text, shipped_on date, days_since integer, overdue boolean,
               confirmed boolean, awaiting boolean, confirmed_at timestamptz, line_count integer,
               quantity numeric, amount numeric, case_id uuid, case_status text)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
  mine uuid;
begin
  perform private.require_caller();
  mine := (select private.my_customer_id());
  if mine is null then
    perform private.deny('only a dealer has deliveries to confirm', '只有经销商可以查看到货单');
  end if;
  return query
  select d.doc_no, d.shipped_on, (as_of - d.shipped_on)::integer,
         d.awaiting and as_of - d.shipped_on > days, d.confirmed, d.awaiting, d.confirmed_at,
         d.line_count, d.quantity, d.amount, k.id, k.status
    from (select s.doc_no, min(s.shipped_on) as shipped_on,
                 bool_and(s.confirmed_at is not null) as confirmed,
                 not bool_and(s.confirmed_at is not null) and min(s.shipped_on) >= v_from as awaiting,
                 max(s.confirmed_at) as confirmed_at, count(*)::integer as line_count,
                 sum(s.quantity) as quantity, sum(s.amount) as amount
            from public.shipments s
           where s.customer_id = mine and s.seller_id is null and s.deleted_at is null
             and s.shipped_on <= as_of
           group by s.doc_no) d
    left join lateral (select c.id, c.status from public.cases c
                        where c.customer_id = mine and c.doc_no = d.doc_no
                          and c.kind = 'delivery_discrepancy' and c.deleted_at is null
                        order by c.opened_at desc limit 1) k on true
   where d.awaiting or d.shipped_on >= as_of - 180 or k.id is not null
   order by d.shipped_on desc, d.doc_no desc;
end
$$;

-- overdue_deliveries of 20261208100000_cases_deliveries.sql, without the history before
-- delivery.confirm_from.
create or replace function public.overdue_deliveries(p_as_of date default null)
returns table (customer_id uuid, customer_name text, doc_no text, shipped_on date,
               days_since integer, days_overdue integer, line_count integer, amount numeric)
language plpgsql stable security invoker set search_path = ''
as $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  days integer := private.delivery_confirm_days();
  v_from date := private.delivery_confirm_from();
begin
  perform private.require_staff();
  return query
  select s.customer_id, min(c.name), s.doc_no, min(s.shipped_on),
         (as_of - min(s.shipped_on))::integer, (as_of - min(s.shipped_on) - days)::integer,
         count(*)::integer, sum(s.amount)
    from public.shipments s join public.customers c on c.id = s.customer_id
   where s.seller_id is null and s.deleted_at is null and s.confirmed_at is null
     and s.shipped_on < as_of - days and s.shipped_on >= v_from
   group by s.customer_id, s.doc_no
   order by min(s.shipped_on), s.doc_no;
end
$$;

revoke all on function private.check_confirm_from(), private.delivery_confirm_from() from public;
grant execute on function private.check_confirm_from(), private.delivery_confirm_from()
  to authenticated, service_role;
revoke all on function public.dealer_deliveries(date), public.overdue_deliveries(date)
  from public, anon;
grant execute on function public.dealer_deliveries(date), public.overdue_deliveries(date)
  to authenticated, service_role;
