-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.notify_requeue(p_outbox_id bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) TO service_role;
GRANT ALL ON FUNCTION public.notify_requeue(p_outbox_id bigint) TO authenticated;
