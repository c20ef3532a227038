-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.open_complaint_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  cid uuid;
begin
  if new.deleted_at is not null then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, complaint_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('complaint', new.customer_id, 'medium', new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days('medium')), new.raised_by, now(),
          '客户投诉：' || case new.category when 'product' then '产品' when 'delivery' then '配送'
                               when 'service' then '服务' when 'price' then '价格' else '其他' end,
          new.detail)
  on conflict (complaint_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, to_status,
                                    owner_id)
    select cid, new.customer_id, new.raised_by, 'opened', new.detail, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.open_complaint_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_complaint_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_complaint_case() TO service_role;
