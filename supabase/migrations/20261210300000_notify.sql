-- Alerts pushed to group chats (issue 17, 通知推送): WeCom, DingTalk and Feishu group bots.
-- Sections: 1 settings, 2 overdue (one definition), 3 channels, 4 the outbox, 5 what queues a
-- notification (raised, overdue, escalated), 6 the delivery state for the settings screen,
-- 7 grants and policies.
--
-- An event queues one outbox row per matching channel IN THE TRANSACTION THAT MAKES THE EVENT
-- (a trigger on warnings, a trigger on case_events, the overdue sweep), so a rolled-back
-- evaluation queues nothing and a committed one cannot lose its notification. `fieldsales notify
-- run` (backend/notify) delivers the queue; see docs/notify.md for the delivery guarantee.

-- 1 settings ------------------------------------------------------------------------------------

insert into public.settings (key, value, description) values
  ('notify.min_severity', '"high"',
   'Warnings of this severity or higher are pushed to the group bots when raised or overdue (low, medium, high)'),
  ('notify.max_tries', '8',
   'A group-bot notification is given up (dead letter) after this many delivery attempts'),
  ('warning.due_days', '{"low": 14, "medium": 7, "high": 3}',
   'Days a warning may stay unresolved, by severity: open longer than this it is overdue')
on conflict (key) do nothing;

create or replace function private.check_notify_settings() returns trigger
language plpgsql set search_path = ''
as $$
declare
  sev text;
begin
  if new.key = 'notify.min_severity' and (jsonb_typeof(new.value) <> 'string'
      or new.value #>> '{}' not in ('low', 'medium', 'high')) then
    raise exception 'notify.min_severity must be "low", "medium" or "high" (got %)', new.value
      using errcode = '22023', detail = '推送的最低严重程度必须是 low、medium 或 high';
  end if;
  if new.key = 'notify.max_tries' and (jsonb_typeof(new.value) <> 'number'
      or (new.value #>> '{}')::numeric <> trunc((new.value #>> '{}')::numeric)
      or (new.value #>> '{}')::numeric not between 1 and 50) then
    raise exception 'notify.max_tries must be a whole number from 1 to 50 (got %)', new.value
      using errcode = '22023', detail = '推送最多尝试次数必须是1到50之间的整数';
  end if;
  if new.key = 'warning.due_days' then
    if jsonb_typeof(new.value) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(new.value) k)
          is distinct from array['high', 'low', 'medium'] then
      raise exception 'warning.due_days must be {"low": days, "medium": days, "high": days} (got %)',
        new.value using errcode = '22023', detail = '预警处理时限必须按严重程度（low、medium、high）填写天数';
    end if;
    foreach sev in array array['low', 'medium', 'high'] loop
      if jsonb_typeof(new.value -> sev) <> 'number'
         or (new.value ->> sev)::numeric <> trunc((new.value ->> sev)::numeric)
         or (new.value ->> sev)::numeric not between 1 and 365 then
        raise exception 'warning.due_days.% must be a whole number of days from 1 to 365 (got %)',
          sev, new.value -> sev using errcode = '22023', detail = '预警处理时限天数必须是1到365之间的整数';
      end if;
    end loop;
  end if;
  return new;
end
$$;
create trigger settings_notify_settings_check
  before insert or update on public.settings
  for each row when (new.key in ('notify.min_severity', 'notify.max_tries', 'warning.due_days'))
  execute function private.check_notify_settings();

-- 2 overdue: the one definition (the warnings desk reuses it) --------------------------------------

-- Days a warning of this severity may stay unresolved (`warning.due_days.<severity>`).
create or replace function private.warning_due_days(p_severity text) returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((select (s.value ->> p_severity)::integer from public.settings s
                    where s.key = 'warning.due_days' and s.deleted_at is null),
                  case p_severity when 'high' then 3 when 'medium' then 7 else 14 end)
$$;

-- The last company day a warning raised at p_raised_at may stay unresolved: the company date it
-- was raised + warning.due_days.<severity>. Raised on 1 Dec, high (3 days): due on 4 Dec.
create or replace function private.warning_due_on(p_severity text, p_raised_at timestamptz)
returns date
language sql stable security definer set search_path = ''
as $$
  select (p_raised_at at time zone private.company_tz())::date + private.warning_due_days(p_severity)
$$;

-- Overdue as of the company day D: unresolved and D is after its due day (open longer than its
-- days: raised on 1 Dec, high, it is overdue from 5 Dec). The one definition of "overdue warning".
create or replace function private.warning_overdue(p_severity text, p_raised_at timestamptz,
                                                   p_status text, p_as_of date)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_status <> 'resolved' and p_as_of > private.warning_due_on(p_severity, p_raised_at)
$$;

-- 3 channels: group bots per area --------------------------------------------------------------

-- A group bot. area_id null: company-wide (every event); else the events of customers in that
-- area and the areas below it. The webhook URL and the signing secret are never stored here:
-- `env:NAME` names an environment variable of the machine running `fieldsales notify run`,
-- `secret:name` a row of private.notify_secrets (the service side writes it; no API role reads
-- it, and unlike public.settings it is never synced to phones).
create table public.notify_channels (
  id uuid primary key default gen_random_uuid(),
  area_id uuid references public.areas (id),
  name text not null constraint notify_channels_name_check
    check (length(btrim(name)) between 1 and 100),
  platform text not null constraint notify_channels_platform_check
    check (platform in ('wecom', 'dingtalk', 'feishu')),
  webhook_ref text not null constraint notify_channels_webhook_ref_check
    check (webhook_ref ~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$'),
  secret_ref text constraint notify_channels_secret_ref_check
    check (secret_ref ~ '^(env:[A-Z][A-Z0-9_]{0,63}|secret:[a-z][a-z0-9_.]{0,63})$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notify_channels_signed_check check (platform = 'wecom' or secret_ref is not null),
  constraint notify_channels_name_len check (char_length(name) <= 200),
  constraint notify_channels_platform_len check (char_length(platform) <= 200),
  constraint notify_channels_webhook_ref_len check (char_length(webhook_ref) <= 200),
  constraint notify_channels_secret_ref_len check (char_length(secret_ref) <= 200)
);
create index notify_channels_area_id_idx on public.notify_channels (area_id);

create table private.notify_secrets (
  name text primary key check (name ~ '^[a-z][a-z0-9_.]{0,63}$'),
  value text not null check (char_length(value) between 1 and 2000),
  updated_at timestamptz not null default now()
);

-- The active channels an event of a customer in p_area_id goes to: company-wide ones and those of
-- the area or an area above it.
create or replace function private.notify_channels_for(p_area_id uuid) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select a.id, a.parent_id, 1 as depth from public.areas a where a.id = p_area_id
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select ch.id from public.notify_channels ch
   where ch.active and (ch.area_id is null or ch.area_id in (select up.id from up))
$$;

-- 4 the outbox ------------------------------------------------------------------------------------

-- One row per event and channel. dedupe_key is unique: '<event>:<subject>[:<level>]:<channel>',
-- so an event is queued at most once per channel whoever queues it again (an evaluation run
-- twice, a retried transaction). status queued → sent, or → dead after notify.max_tries
-- attempts or an error that retrying cannot fix. A worker claims a row by setting lease_until
-- (and tries + 1); an expired lease means the worker died and the row is due again.
create table private.notify_outbox (
  id bigint generated always as identity primary key,
  event text not null check (event in ('warning_raised', 'warning_overdue', 'case_escalated')),
  subject_id uuid not null,
  customer_id uuid not null,
  area_id uuid,
  channel_id uuid not null references public.notify_channels (id) on delete cascade,
  dedupe_key text not null unique,
  title text not null,
  message text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'dead')),
  tries integer not null default 0 check (tries >= 0),
  next_try_at timestamptz not null default private.company_now(),
  lease_until timestamptz,
  claimed_by text,
  last_error text check (char_length(last_error) <= 500),
  created_at timestamptz not null default private.company_now(),
  sent_at timestamptz
);
create index notify_outbox_due_idx on private.notify_outbox (next_try_at, id)
  where status = 'queued';
create index notify_outbox_channel_id_idx on private.notify_outbox (channel_id);

revoke all on table private.notify_outbox, private.notify_secrets from public, anon, authenticated;

-- 5 what queues a notification ---------------------------------------------------------------------

-- The severity rank (low 1, medium 2, high 3) and the configured minimum.
create or replace function private.severity_rank(p_severity text) returns integer
language sql immutable set search_path = ''
as $$
  select case p_severity when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end
$$;

create or replace function private.notify_min_rank() returns integer
language sql stable security definer set search_path = ''
as $$
  select private.severity_rank(coalesce((select s.value #>> '{}' from public.settings s
                                          where s.key = 'notify.min_severity'
                                            and s.deleted_at is null), 'high'))
$$;

-- The Chinese text of a warning event: the customer, the reason with its figures (the one
-- sentence of warning_message), the severity and the owner.
create or replace function private.notify_warning_text(p_event text, p_warning_id uuid,
                                                       p_as_of date)
returns table (title text, message text)
language sql stable security definer set search_path = ''
as $$
  select
    case p_event when 'warning_raised' then '【客户预警】' else '【预警逾期】' end
      || c.name,
    concat_ws(E'\n',
      format('客户：%s（%s）', c.name, c.code),
      format('原因：%s', public.warning_message(w.kind, w.figures, 'zh')),
      format('严重程度：%s', case w.severity when 'high' then '高' when 'medium' then '中' else '低' end),
      case when p_event = 'warning_overdue' then
        format('已超过处理时限：%s 起预警，%s 天内应处理（应于 %s 前），今天 %s 仍未解决',
               (w.raised_at at time zone private.company_tz())::date,
               private.warning_due_days(w.severity), private.warning_due_on(w.severity, w.raised_at),
               p_as_of) end,
      format('负责人：%s', coalesce(p.full_name, '未分配')))
  from public.warnings w
  join public.customers c on c.id = w.customer_id
  left join public.profiles p on p.id = w.owner_id
  where w.id = p_warning_id
$$;

-- (a) raised: a statement trigger (an evaluation raises thousands at once) queues the new
-- warnings at or above notify.min_severity for their channels.
create or replace function private.notify_warnings_raised() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select from public.notify_channels ch where ch.active) then
    return null;
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'warning_raised', n.id, n.customer_id, c.area_id, ch,
         format('warning_raised:%s:%s', n.id, ch), t.title, t.message
    from new_rows n
    join public.customers c on c.id = n.customer_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   cross join lateral private.notify_warning_text('warning_raised', n.id,
                                                  private.company_today()) t
   where n.status <> 'resolved'
     and private.severity_rank(n.severity) >= private.notify_min_rank()
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;
create trigger warnings_notify_raised
  after insert on public.warnings referencing new table as new_rows
  for each statement execute function private.notify_warnings_raised();

-- (b) overdue: every unresolved warning at or above notify.min_severity that is overdue as of D
-- (private.warning_overdue) and has not been queued as overdue yet. Run by `fieldsales warnings
-- evaluate` after the evaluation, with the same D, and by pg_cron where it exists. Returns how
-- many notifications were queued.
create or replace function public.queue_overdue_notifications(p_as_of date)
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
begin
  if p_as_of is null then
    raise exception 'as_of is required' using errcode = '22004', detail = '必须指定日期 as_of';
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'warning_overdue', w.id, w.customer_id, c.area_id, ch,
         format('warning_overdue:%s:%s', w.id, ch), t.title, t.message
    from public.warnings w
    join public.customers c on c.id = w.customer_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   cross join lateral private.notify_warning_text('warning_overdue', w.id, p_as_of) t
   where w.status <> 'resolved'
     and private.severity_rank(w.severity) >= private.notify_min_rank()
     and private.warning_overdue(w.severity, w.raised_at, w.status, p_as_of)
     and exists (select from public.notify_channels x where x.active)
  on conflict (dedupe_key) do nothing;
  get diagnostics n = row_count;
  return n;
end
$$;

-- (c) escalated: escalate_cases writes an 'escalated' case event (after raising the level and
-- the owner); each queues one notification per channel and level.
create or replace function private.notify_cases_escalated() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select from public.notify_channels ch where ch.active) then
    return null;
  end if;
  insert into private.notify_outbox (event, subject_id, customer_id, area_id, channel_id,
                                     dedupe_key, title, message)
  select 'case_escalated', k.id, k.customer_id, c.area_id, ch,
         format('case_escalated:%s:%s:%s', k.id, k.escalation_level, ch),
         '【售后升级】' || c.name,
         concat_ws(E'\n',
           format('客户：%s（%s）', c.name, c.code),
           format('售后单：%s（%s）', k.title,
                  case k.kind when 'complaint' then '投诉' when 'return' then '退货'
                              when 'exchange' then '换货' when 'repair' then '维修'
                              when 'packaging_exchange' then '包装更换'
                              when 'delivery_discrepancy' then '到货差异' else '事故' end),
           format('原因：%s', split_part(e.note, ' | ', 1)),
           format('严重程度：%s', case k.severity when 'high' then '高' when 'medium' then '中'
                                  else '低' end),
           format('负责人：%s', coalesce(p.full_name, '未分配')))
    from new_rows e
    join public.cases k on k.id = e.case_id
    join public.customers c on c.id = k.customer_id
    left join public.profiles p on p.id = k.owner_id
   cross join lateral private.notify_channels_for(c.area_id) ch
   where e.action = 'escalated'
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;
create trigger case_events_notify_escalated
  after insert on public.case_events referencing new table as new_rows
  for each statement execute function private.notify_cases_escalated();

-- 6 the delivery state, for the settings screen --------------------------------------------------

-- Managers only: counts per status (and per channel), and the latest 50 dead letters with their
-- last error (which never holds a webhook URL or a secret: the worker masks them).
create or replace function public.notify_status()
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager reads the delivery state of the group bots',
                         '只有销售经理可以查看群机器人推送状态');
  end if;
  return jsonb_build_object(
    'counts', (select jsonb_build_object(
                 'queued', count(*) filter (where o.status = 'queued'),
                 'sent', count(*) filter (where o.status = 'sent'),
                 'dead', count(*) filter (where o.status = 'dead'))
                 from private.notify_outbox o),
    'channels', coalesce((select jsonb_agg(jsonb_build_object(
                   'id', ch.id, 'name', ch.name, 'platform', ch.platform, 'area_id', ch.area_id,
                   'active', ch.active,
                   'queued', (select count(*) from private.notify_outbox o
                               where o.channel_id = ch.id and o.status = 'queued'),
                   'sent', (select count(*) from private.notify_outbox o
                             where o.channel_id = ch.id and o.status = 'sent'),
                   'dead', (select count(*) from private.notify_outbox o
                             where o.channel_id = ch.id and o.status = 'dead'))
                   order by ch.name, ch.id)
                   from public.notify_channels ch), '[]'::jsonb),
    'dead', coalesce((select jsonb_agg(d order by d.created_at desc, d.id desc) from (
               select o.id, o.event, o.title, ch.name as channel, ch.platform, o.tries,
                      o.last_error, o.created_at, o.next_try_at
                 from private.notify_outbox o join public.notify_channels ch on ch.id = o.channel_id
                where o.status = 'dead'
                order by o.created_at desc, o.id desc limit 50) d), '[]'::jsonb));
end
$$;

-- 7 grants and policies ----------------------------------------------------------------------------

alter table public.notify_channels enable row level security;
grant select, insert, update, delete on public.notify_channels to authenticated;
create policy "Managers can read group bots" on public.notify_channels
  for select to authenticated using ((select private.is_manager()));
create policy "Managers can add group bots" on public.notify_channels
  for insert to authenticated with check ((select private.is_manager()));
create policy "Managers can change group bots" on public.notify_channels
  for update to authenticated using ((select private.is_manager()))
  with check ((select private.is_manager()));
create policy "Managers can delete group bots" on public.notify_channels
  for delete to authenticated using ((select private.is_manager()));

revoke all on function private.check_notify_settings(), private.warning_due_days(text),
  private.warning_due_on(text, timestamptz), private.warning_overdue(text, timestamptz, text, date),
  private.notify_channels_for(uuid), private.severity_rank(text), private.notify_min_rank(),
  private.notify_warning_text(text, uuid, date), private.notify_warnings_raised(),
  private.notify_cases_escalated(), public.queue_overdue_notifications(date),
  public.notify_status() from public, anon, authenticated;
-- the warnings desk and the app read "overdue" through these
grant execute on function private.warning_due_days(text), private.warning_due_on(text, timestamptz),
  private.warning_overdue(text, timestamptz, text, date) to authenticated, service_role;
grant execute on function public.queue_overdue_notifications(date) to service_role;
grant execute on function public.notify_status() to authenticated;

-- Where pg_cron exists (Supabase): the overdue sweep every night after the warnings are evaluated.
do $$
begin
  if exists (select from pg_catalog.pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('fieldsales-notify-overdue', '10 18 * * *',
      $job$select public.queue_overdue_notifications(private.company_today())$job$)$cron$;
  end if;
end
$$;

select private.install_write_guards();
select private.add_active_user_policies();
