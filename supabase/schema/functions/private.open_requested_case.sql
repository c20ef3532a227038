-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.open_requested_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  grade text;
  window_days integer;
  started date;
  days integer;
  status text := 'open';
  label text;
  product text;
  n integer := jsonb_array_length(new.lines);
  owner uuid := private.case_owner_for(new.customer_id);
begin
  label := case new.kind when 'return' then '退货' when 'exchange' then '换货' when 'repair' then '维修'
                         when 'packaging_exchange' then '调换包装' else '投诉' end;
  select p.name into product from public.products p
   where p.id = (new.lines -> 0 ->> 'product_id')::uuid;
  if new.kind in ('return', 'exchange') then
    select c.grade into grade from public.customers c where c.id = new.customer_id;
    window_days := private.returns_window_days(grade);
    select coalesce((max(s.confirmed_at) at time zone private.company_tz())::date, min(s.shipped_on))
      into started from public.shipments s
     where s.doc_no = new.doc_no and s.deleted_at is null;
    days := new.requested_on - started;
    status := case when days <= window_days then 'in_progress' else 'awaiting_approval' end;
  end if;
  insert into public.cases (id, kind, customer_id, severity, doc_no, owner_id, due_at, opened_by,
                            opened_at, title, detail, status)
  values (new.id, new.kind, new.customer_id, new.severity, new.doc_no, owner,
          new.requested_at + make_interval(days => private.case_sla_days(new.severity)),
          new.requested_by, new.requested_at,
          left(case when n = 0  -- no product: the reason says what it is about
                    then label || '：' || left(regexp_replace(btrim(new.reason), '\s+', ' ', 'g'), 30)
                    else concat_ws(' ', label, new.doc_no,
                                   product || case when n > 1 then format('等%s项', n) else '' end)
               end, 200),
          new.reason, status);
  insert into public.case_lines (case_id, customer_id, product_id, shipment_id, quantity)
  select new.id, new.customer_id, (x.value ->> 'product_id')::uuid,
         (x.value ->> 'shipment_id')::uuid, (x.value ->> 'quantity')::numeric
    from jsonb_array_elements(new.lines) x;
  insert into public.case_events (case_id, customer_id, actor_id, at, action, note, photo_ids,
                                  to_status, owner_id)
  values (new.id, new.customer_id, new.requested_by, new.requested_at, 'opened', new.reason,
          new.photo_ids, 'open', owner);
  if status <> 'open' then
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, from_status,
                                    to_status, step, step_on)
    values (new.id, new.customer_id, null, clock_timestamp(), 'status',
            case when status = 'in_progress'
              then format('按规则受理：%s级客户退换货期限%s天，申请在到货后第%s天 (accepted by rule: day %s of the %s-day window of grade %s)',
                          coalesce(grade, '未评级'), window_days, days, days, window_days, coalesce(grade, 'none'))
              else format('超出%s级客户退换货期限%s天（到货后第%s天），待销售经理审批 (outside the %s-day window of grade %s, day %s: waiting for a manager''s approval)',
                          coalesce(grade, '未评级'), window_days, days, window_days, coalesce(grade, 'none'), days)
            end,
            'open', status,
            case when status = 'in_progress' then 'accepted_by_rule' else 'awaiting_approval' end,
            new.requested_on);
  end if;
  if new.kind = 'return' and status = 'in_progress' then
    perform private.credit_return(new.id, new.requested_on, new.requested_on);
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.open_requested_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_requested_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_requested_case() TO service_role;
