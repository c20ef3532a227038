-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.open_incident_case() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  sev text := case when new.kind = 'minor' then 'low' else 'high' end;
  days integer := coalesce((select (s.value #>> '{}')::integer from public.settings s
                             where s.key = 'warning.major_incident.days'), 90);
  cid uuid;
begin
  if new.deleted_at is not null or new.occurred_on <= private.company_today() - days then
    return null;
  end if;
  insert into public.cases (kind, customer_id, severity, incident_id, owner_id, due_at, opened_by,
                            opened_at, title, detail)
  values ('incident', new.customer_id, sev, new.id, private.case_owner_for(new.customer_id),
          now() + make_interval(days => private.case_sla_days(sev)), new.reported_by, now(),
          '重大变故：' || case new.kind when 'theft' then '被盗' when 'accident' then '车祸'
                               when 'family_split' then '分家' when 'serious_illness' then '重病'
                               when 'other_major' then '其他重大变故' else '一般事件' end
            || '（' || new.occurred_on || '）',
          new.description)
  on conflict (incident_id) do nothing
  returning id into cid;
  if cid is not null then
    insert into public.case_events (case_id, customer_id, actor_id, action, note, internal,
                                    to_status, owner_id)
    select cid, new.customer_id, new.reported_by, 'opened', new.description, true, 'open', c.owner_id
      from public.cases c where c.id = cid;
  end if;
  return null;
end
$$;

REVOKE ALL ON FUNCTION private.open_incident_case() FROM PUBLIC;
GRANT ALL ON FUNCTION private.open_incident_case() TO authenticated;
GRANT ALL ON FUNCTION private.open_incident_case() TO service_role;
