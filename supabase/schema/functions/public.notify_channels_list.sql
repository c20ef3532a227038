-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.notify_channels_list() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_caller();
  perform private.require_manager('only a manager reads the group bots',
                                  '只有销售经理可以查看群机器人');
  return jsonb_build_object(
    'channels', coalesce((select jsonb_agg(private.notify_channel_snapshot(ch)
                                           || jsonb_build_object('id', ch.id)
                                           order by ch.name, ch.id)
                            from public.notify_channels ch), '[]'::jsonb),
    'changes', coalesce((select jsonb_agg(x order by x.changed_at desc, x.id desc) from (
                 select c.id, substr(c.setting_key, 16)::uuid as channel_id,
                        coalesce(c.new_value ->> 'name', c.old_value ->> 'name') as channel,
                        c.old_value, c.new_value, c.changed_at,
                        coalesce(p.full_name, '系统 (system)') as changed_by_name
                   from public.setting_changes c
                   left join public.profiles p on p.id = c.changed_by
                  where c.setting_key like 'notify.channel:%'
                  order by c.changed_at desc, c.id desc limit 30) x), '[]'::jsonb),
    'areas', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'code', a.code,
                                                           'name', a.name) order by a.code)
                         from public.areas a where a.deleted_at is null), '[]'::jsonb));
end
$$;

REVOKE ALL ON FUNCTION public.notify_channels_list() FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_channels_list() TO service_role;
GRANT ALL ON FUNCTION public.notify_channels_list() TO authenticated;
