-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.notify_warnings_raised() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

REVOKE ALL ON FUNCTION private.notify_warnings_raised() FROM PUBLIC;
