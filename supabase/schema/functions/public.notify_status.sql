-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.notify_status() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.notify_status() FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_status() TO service_role;
GRANT ALL ON FUNCTION public.notify_status() TO authenticated;
