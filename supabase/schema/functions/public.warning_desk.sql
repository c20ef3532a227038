-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_desk(p_as_of date DEFAULT NULL::date, p_lang text DEFAULT 'zh'::text) RETURNS TABLE(id uuid, customer_id uuid, customer_code text, customer_name text, area_id uuid, area_name text, owner_id uuid, owner_name text, rep_id uuid, rep_name text, kind text, severity text, status text, message text, figures jsonb, raised_at timestamp with time zone, age_days integer, due_on date, overdue boolean, previous_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  as_of date := coalesce(p_as_of, private.company_today());
  tz text := private.company_tz();
  -- the caller's role (current_user is the owner inside security definer): people are scoped,
  -- the service side (service_role: reports, benchmarks) reads every warning
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
begin
  if api then
    perform private.require_staff();
  end if;
  if p_lang is null or p_lang not in ('zh', 'en') then
    raise exception 'p_lang must be zh or en' using errcode = '22023', detail = '语言（p_lang）只能是 zh 或 en';
  end if;
  -- overdue depends on the severity and the company day raised only: computed once per pair
  -- (private.warning_overdue at the start of that day), not once per row
  return query
  with open_ as (
    select w.*, (w.raised_at at time zone tz)::date as raised_on
      from public.warnings w
     where w.status <> 'resolved'
       and (not api or (select private.is_manager())
            or w.customer_id in (select private.staff_customer_ids()))
  ),
  due as materialized (
    select d.severity, d.raised_on,
           private.warning_due_on(d.severity, private.day_start(d.raised_on)) as due_on,
           private.warning_overdue(d.severity, private.day_start(d.raised_on), 'open', as_of)
             as overdue
      from (select distinct o.severity, o.raised_on from open_ o) d
  )
  select w.id, w.customer_id, c.code, c.name, c.area_id, a.name, w.owner_id, o.full_name,
         c.owner_id, r.full_name, w.kind, w.severity, w.status,
         public.warning_message(w.kind, w.figures, p_lang), w.figures, w.raised_at,
         (as_of - w.raised_on)::integer, du.due_on, du.overdue, w.previous_id
    from open_ w
    join due du on du.severity = w.severity and du.raised_on = w.raised_on
    join public.customers c on c.id = w.customer_id
    left join public.areas a on a.id = c.area_id
    left join public.profiles o on o.id = w.owner_id
    left join public.profiles r on r.id = c.owner_id
   order by 19 desc, case w.severity when 'high' then 0 when 'medium' then 1 else 2 end,
            w.raised_at, w.id;
end
$$;

REVOKE ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_desk(p_as_of date, p_lang text) TO service_role;
