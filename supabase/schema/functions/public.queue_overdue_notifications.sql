-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.queue_overdue_notifications(p_as_of date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.queue_overdue_notifications(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.queue_overdue_notifications(p_as_of date) TO service_role;
