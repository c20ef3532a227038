-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.escalate_cases(p_as_of timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  -- the caller's role (current_user is the owner inside security definer)
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  boss uuid;
  r record;
  n integer := 0;
  lvl smallint;
  who uuid;
begin
  if api then
    perform private.require_caller();
    if (select private.my_role()) is distinct from 'manager' then
      perform private.deny('only a manager escalates cases', '只有销售经理可以升级售后单');
    end if;
    if as_of > private.company_now() then
      raise exception 'cases are escalated as of now or an earlier time, not a later one (%)', as_of
        using errcode = '22023', detail = '升级时间不能晚于当前时间';
    end if;
  end if;
  -- two runs never interleave (each would escalate the same case once more)
  perform pg_advisory_xact_lock(727016);
  select p.id into boss from public.profiles p
   where p.role = 'manager' and p.active order by p.full_name, p.id limit 1;
  for r in
    select c.id, c.customer_id, c.escalation_level, c.owner_id, c.severity
      from public.cases c
     where c.deleted_at is null and c.status not in ('closed', 'resolved')
       and c.escalation_level < 2
       and greatest(c.opened_at,
                    (select max(e.at) from public.case_events e
                       left join public.profiles p on p.id = e.actor_id
                      where e.case_id = c.id
                        and (e.action <> 'note' or p.role is distinct from 'dealer')))
           + make_interval(days => private.case_sla_days(c.severity)) <= as_of
     order by c.opened_at, c.id
       for update of c
  loop
    lvl := r.escalation_level + 1;
    who := case when lvl = 1 then coalesce(boss, r.owner_id) else r.owner_id end;
    update public.cases set escalation_level = lvl, owner_id = who, updated_at = now()
     where id = r.id;
    insert into public.case_events (case_id, customer_id, actor_id, at, action, note, internal,
                                    owner_id)
    values (r.id, r.customer_id, null, as_of, 'escalated',
            case when lvl = 1
                 then format('%s天无进展，升级至销售经理 | no progress for %s days: escalated to a manager',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity))
                 else format('销售经理处理仍超时（%s天无进展） | still no progress for %s days at the manager''s level',
                             private.case_sla_days(r.severity), private.case_sla_days(r.severity)) end,
            true, who);
    n := n + 1;
  end loop;
  return n;
end
$$;

REVOKE ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION public.escalate_cases(p_as_of timestamp with time zone) TO service_role;
