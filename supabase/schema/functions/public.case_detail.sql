-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.case_detail(p_case_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  k public.cases;
  result jsonb;
begin
  perform private.require_caller();
  select * into k from public.cases c where c.id = p_case_id and c.deleted_at is null;
  if not found then
    raise exception 'case % not found', p_case_id using errcode = 'P0002', detail = '找不到该售后单';
  end if;
  select to_jsonb(k) || jsonb_build_object(
    'customer_name', (select c.name from public.customers c where c.id = k.customer_id),
    'customer_code', (select c.code from public.customers c where c.id = k.customer_id),
    'owner_name', (select p.full_name from public.profiles p where p.id = k.owner_id),
    'opened_by_name', (select p.full_name from public.profiles p where p.id = k.opened_by),
    'lines', coalesce((
      select jsonb_agg(to_jsonb(l) || jsonb_build_object('sku', pr.sku, 'product', pr.name,
                                                         'doc_no', s.doc_no, 'line_no', s.line_no)
                       order by s.doc_no, s.line_no, l.id)
        from public.case_lines l
        left join public.products pr on pr.id = l.product_id
        left join public.shipments s on s.id = l.shipment_id
       where l.case_id = k.id and l.deleted_at is null), '[]'::jsonb),
    'events', coalesce((
      select jsonb_agg(to_jsonb(ev) || jsonb_build_object('actor_name', a.full_name,
                                                          'actor_role', a.role,
                                                          'owner_name', o.full_name)
                       order by ev.at, ev.id)
        from public.case_events ev
        left join public.profiles a on a.id = ev.actor_id
        left join public.profiles o on o.id = ev.owner_id
       where ev.case_id = k.id and ev.deleted_at is null), '[]'::jsonb))
  into result;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.case_detail(p_case_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.case_detail(p_case_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.case_detail(p_case_id uuid) TO service_role;
