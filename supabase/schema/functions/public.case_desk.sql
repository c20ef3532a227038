-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_desk(p_as_of timestamp with time zone DEFAULT NULL::timestamp with time zone, p_closed boolean DEFAULT false) RETURNS TABLE(id uuid, kind text, status text, severity text, customer_id uuid, customer_code text, customer_name text, owner_id uuid, owner_name text, escalation_level smallint, title text, opened_at timestamp with time zone, due_at timestamp with time zone, last_at timestamp with time zone, age_days integer, overdue boolean, answered boolean, decided boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  as_of timestamptz := coalesce(p_as_of, private.company_now());
  tz text := private.company_tz();
begin
  perform private.require_staff();
  return query
  select k.id, k.kind, k.status, k.severity, k.customer_id, c.code, c.name, k.owner_id,
         p.full_name, k.escalation_level, k.title, k.opened_at, k.due_at,
         coalesce(k.last_at, k.opened_at),
         greatest(0, (as_of at time zone tz)::date - (k.opened_at at time zone tz)::date)::integer,
         k.status not in ('resolved', 'closed') and k.due_at is not null and k.due_at < as_of,
         k.answer is not null, k.decision is not null
    from public.cases k
    join public.customers c on c.id = k.customer_id
    left join public.profiles p on p.id = k.owner_id
   where k.deleted_at is null
     and (coalesce(p_closed, false) or k.status <> 'closed')
   order by 16 desc, k.due_at nulls last, k.opened_at, k.id;
end
$$;

REVOKE ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) TO authenticated;
GRANT ALL ON FUNCTION public.case_desk(p_as_of timestamp with time zone, p_closed boolean) TO service_role;
