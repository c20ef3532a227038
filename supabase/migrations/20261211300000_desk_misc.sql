-- Issue 17, the desk's remaining points: 1 a manager requeues a dead letter of the group-bot
-- outbox (recorded: who, when, how many tries it had and its last error), and the delivery state
-- masks any URL in a last error; 2 a warning carries the day it is due (due_on, by the one
-- definition private.warning_due_on), so that phones mark overdue warnings on the map with the
-- server's rule: unresolved and the company day is after due_on (private.warning_overdue).

-- 1 requeueing a dead letter --------------------------------------------------------------------

-- Every requeue, append-only (no API role reads or writes it; notify_status shows the latest).
create table private.notify_requeues (
  id bigint generated always as identity primary key,
  outbox_id bigint not null references private.notify_outbox (id) on delete cascade,
  requeued_by uuid references public.profiles (id),
  requeued_at timestamptz not null default private.company_now(),
  tries integer not null check (tries >= 0),
  last_error text check (char_length(last_error) <= 500)
);
create index notify_requeues_outbox_id_idx on private.notify_requeues (outbox_id);
revoke all on table private.notify_requeues from public, anon, authenticated;

-- A URL in a text, masked as the worker logs one: scheme://host/… (never a path or key).
create or replace function private.mask_urls(p_text text) returns text
language sql immutable set search_path = ''
as $$
  select regexp_replace(p_text, '([a-zA-Z][a-zA-Z0-9+.-]*://[^/\s?#]+)[^\s]*', '\1/…', 'g')
$$;

-- Managers only: a dead letter goes back to the queue with its tries at zero (delivered at the
-- worker's next run, still at most once: its dedupe key is unchanged). Recorded in
-- private.notify_requeues. 55000 when the row is not a dead letter (sent, queued, or none).
create or replace function public.notify_requeue(p_outbox_id bigint)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  o private.notify_outbox;
begin
  perform private.require_caller();
  if (select private.my_role()) is distinct from 'manager' then
    perform private.deny('only a manager requeues a group-bot notification',
                         '只有销售经理可以重新推送群机器人消息');
  end if;
  if p_outbox_id is null then
    raise exception 'p_outbox_id is required: the dead letter to requeue' using errcode = '22023',
      detail = '请指定要重新推送的消息（p_outbox_id）';
  end if;
  select * into o from private.notify_outbox x where x.id = p_outbox_id for update;
  if not found or o.status <> 'dead' then
    raise exception 'notification % is not a dead letter', p_outbox_id using errcode = '55000',
      detail = format('消息（p_outbox_id）%s 不是推送失败的消息，不能重新推送', p_outbox_id);
  end if;
  insert into private.notify_requeues (outbox_id, requeued_by, tries, last_error)
  values (o.id, private.audit_actor(), o.tries, o.last_error);
  update private.notify_outbox x
     set status = 'queued', tries = 0, next_try_at = private.company_now(), lease_until = null,
         claimed_by = null
   where x.id = o.id;
  return jsonb_build_object('id', o.id, 'status', 'queued', 'tries', 0);
end
$$;

-- The delivery state (20261210300000_notify.sql), now with any URL in a last error masked and
-- the latest 20 requeues (who, when, the tries and error it had).
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
                      private.mask_urls(o.last_error) as last_error, o.created_at, o.next_try_at
                 from private.notify_outbox o join public.notify_channels ch on ch.id = o.channel_id
                where o.status = 'dead'
                order by o.created_at desc, o.id desc limit 50) d), '[]'::jsonb),
    'requeued', coalesce((select jsonb_agg(r order by r.requeued_at desc, r.id desc) from (
               select q.id, q.outbox_id, o.title, ch.name as channel, q.tries,
                      private.mask_urls(q.last_error) as last_error, q.requeued_at,
                      coalesce(p.full_name, '系统 (system)') as requeued_by_name, o.status
                 from private.notify_requeues q
                 join private.notify_outbox o on o.id = q.outbox_id
                 join public.notify_channels ch on ch.id = o.channel_id
                 left join public.profiles p on p.id = q.requeued_by
                order by q.requeued_at desc, q.id desc limit 20) r), '[]'::jsonb));
end
$$;

-- 2 the day a warning is due, on the warning -----------------------------------------------------

-- private.warning_due_on(severity, raised_at), kept on the row so that phones (which pull
-- warnings) apply the server's rule instead of a copy of it: set when a warning is raised or its
-- severity changes, and for every unresolved warning when warning.due_days changes.
alter table public.warnings add column due_on date;

create or replace function private.set_warning_due_on() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  new.due_on := private.warning_due_on(new.severity, new.raised_at);
  return new;
end
$$;
create trigger warnings_10_due_on before insert or update of severity, raised_at
  on public.warnings for each row execute function private.set_warning_due_on();

create or replace function private.warnings_due_days_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.warnings w
     set due_on = private.warning_due_on(w.severity, w.raised_at)
   where w.status <> 'resolved'
     and w.due_on is distinct from private.warning_due_on(w.severity, w.raised_at);
  return null;
end
$$;
create trigger settings_warning_due_days_apply
  after insert or update on public.settings
  for each row when (new.key = 'warning.due_days')
  execute function private.warnings_due_days_changed();

update public.warnings w set due_on = private.warning_due_on(w.severity, w.raised_at);

-- 3 grants ---------------------------------------------------------------------------------------

revoke all on function private.mask_urls(text), public.notify_requeue(bigint),
  public.notify_status(), private.set_warning_due_on(), private.warnings_due_days_changed()
  from public, anon, authenticated;
grant execute on function public.notify_requeue(bigint), public.notify_status() to authenticated;

select private.install_write_guards();
select private.add_active_user_policies();
