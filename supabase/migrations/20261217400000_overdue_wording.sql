-- The overdue notification said the warning was due "应于 <due day> 前" (before the due day), but
-- the due day is the last day it may stay unresolved (private.warning_due_on): it is queued the day
-- after. It now says "最迟 <due day>" (at the latest). As 20261210300000 otherwise.
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
        format('已超过处理时限：%s 起预警，%s 天内应处理（最迟 %s），今天 %s 仍未解决',
               (w.raised_at at time zone private.company_tz())::date,
               private.warning_due_days(w.severity), private.warning_due_on(w.severity, w.raised_at),
               p_as_of) end,
      format('负责人：%s', coalesce(p.full_name, '未分配')))
  from public.warnings w
  join public.customers c on c.id = w.customer_id
  left join public.profiles p on p.id = w.owner_id
  where w.id = p_warning_id
$$;
