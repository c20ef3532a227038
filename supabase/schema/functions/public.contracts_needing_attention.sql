-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.contracts_needing_attention(p_as_of date DEFAULT private.company_today(), p_days integer DEFAULT NULL::integer) RETURNS TABLE(customer_id uuid, customer_code text, customer_name text, area_id uuid, reason text, contract_id uuid, contract_no text, status text, term_end date, days_left integer, purchases_12m numeric)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  v_days integer;
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_staff();
  end if;
  if p_as_of is null then
    raise exception 'p_as_of is required' using errcode = '22023', detail = '缺少日期';
  end if;
  v_days := coalesce(p_days, (select (s.value #>> '{}')::int from public.settings s
                               where s.key = 'contract.expiring_days'), 60);
  if v_days < 0 or v_days > 3650 then
    raise exception 'p_days must be between 0 and 3650' using errcode = '22023',
      detail = '天数须在0到3650之间';
  end if;
  return query
  with buyers as (
    select b.customer_id, b.amount as amt
      from private.billed_by_customer((p_as_of - interval '1 year')::date, p_as_of) b
  ), live as (
    select c.* from public.contracts c
     where c.status = 'effective' and c.deleted_at is null
       and coalesce(c.effective_on, c.term_start, p_as_of) <= p_as_of
       and (c.term_end is null or c.term_end >= p_as_of)
  )
  select cu.id, cu.code, cu.name, cu.area_id, 'no_contract'::text, null::uuid, null::text,
         null::text, null::date, null::integer, b.amt
    from buyers b join public.customers cu on cu.id = b.customer_id
   where cu.deleted_at is null and not exists (select from live l where l.customer_id = cu.id)
  union all
  select cu.id, cu.code, cu.name, cu.area_id, 'expiring', l.id, l.contract_no, l.status,
         l.term_end, l.term_end - p_as_of, coalesce(b.amt, 0)
    from live l join public.customers cu on cu.id = l.customer_id
    left join buyers b on b.customer_id = l.customer_id
   where l.term_end <= p_as_of + v_days
     and not exists (select from public.contracts n where n.customer_id = l.customer_id
                     and n.deleted_at is null and n.status in ('signed', 'effective')
                     and (n.term_end is null or n.term_end > l.term_end))
  order by 5 desc, 3;
end
$$;

REVOKE ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.contracts_needing_attention(p_as_of date, p_days integer) TO service_role;
