-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.contract_detail(p_contract_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  result jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  if p_contract_id is null then
    raise exception 'p_contract_id is required' using errcode = '22023', detail = '缺少合同编号';
  end if;
  select to_jsonb(k) || jsonb_build_object(
           'customer_code', cu.code, 'customer_name', cu.name, 'customer_tier', cu.tier,
           'custodian_name', cp.full_name, 'previous_no', pk.contract_no,
           'lines', coalesce((
             select jsonb_agg(to_jsonb(l) || jsonb_build_object(
                      'sku', pr.sku, 'product_name', pr.name, 'unit', pr.unit,
                      'amount', round(l.quantity * l.unit_price, 2)) order by l.line_no)
               from public.contract_lines l
               left join public.products pr on pr.id = l.product_id
              where l.contract_id = k.id), '[]'::jsonb),
           'events', coalesce((
             select jsonb_agg(jsonb_build_object(
                      'from_status', e.from_status, 'to_status', e.to_status, 'at', e.at,
                      'note', e.note, 'actor_name', ap.full_name)
                    order by e.at, e.from_status nulls first)
               from public.contract_events e
               left join public.profiles ap on ap.id = e.actor_id
              where e.contract_id = k.id), '[]'::jsonb))
    into result
    from public.contracts k
    left join public.customers cu on cu.id = k.customer_id
    left join public.profiles cp on cp.id = k.custodian_id
    left join public.contracts pk on pk.id = k.previous_id
   where k.id = p_contract_id and k.deleted_at is null;
  if result is null then
    raise exception 'contract % not found', p_contract_id using errcode = 'P0002',
      detail = '找不到该合同';
  end if;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.contract_detail(p_contract_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contract_detail(p_contract_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.contract_detail(p_contract_id uuid) TO service_role;
