-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_detail(p_warning_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  w public.warnings;
  result jsonb;
begin
  perform private.require_caller();
  if p_warning_id is null then
    raise exception 'p_warning_id is required' using errcode = '22023', detail = '缺少预警编号';
  end if;
  select * into w from public.warnings x where x.id = p_warning_id;
  if not found then
    raise exception 'warning % not found', p_warning_id using errcode = 'P0002', detail = '找不到该预警';
  end if;
  select to_jsonb(w) || jsonb_build_object(
    'message_zh', public.warning_message(w.kind, w.figures, 'zh'),
    'message_en', public.warning_message(w.kind, w.figures, 'en'),
    'customer_name', c.name, 'customer_code', c.code, 'area_id', c.area_id,
    'rep_id', c.owner_id,
    'owner_name', (select p.full_name from public.profiles p where p.id = w.owner_id),
    'due_on', private.warning_due_on(w.severity, w.raised_at),
    'overdue', private.warning_overdue(w.severity, w.raised_at, w.status, private.company_today()),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.created_at, ev.id)
        from public.warning_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.warning_id = w.id), '[]'::jsonb))
    into result
    from public.customers c where c.id = w.customer_id;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.warning_detail(p_warning_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_detail(p_warning_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.warning_detail(p_warning_id uuid) TO service_role;
