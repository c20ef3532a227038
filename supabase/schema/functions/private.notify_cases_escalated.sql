-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.notify_cases_escalated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

REVOKE ALL ON FUNCTION private.notify_cases_escalated() FROM PUBLIC;
