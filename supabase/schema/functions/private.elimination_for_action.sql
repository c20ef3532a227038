-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.elimination_for_action(p_elimination_id uuid) RETURNS public.customer_eliminations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.customer_eliminations;
begin
  if p_elimination_id is null then
    raise exception 'p_elimination_id is required' using errcode = '22023',
      detail = '缺少淘汰申请编号';
  end if;
  select * into row from public.customer_eliminations e where e.id = p_elimination_id for update;
  if not found or ((select private.my_role()) <> 'manager'
                   and row.customer_id not in (select private.staff_customer_ids())) then
    raise exception 'elimination request % not found', p_elimination_id using errcode = 'P0002',
      detail = '找不到该淘汰申请';
  end if;
  if row.status <> 'requested' then
    raise exception 'the elimination request is already %', row.status using errcode = '55000',
      detail = '该淘汰申请已处理，不能再变更';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.elimination_for_action(p_elimination_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.elimination_for_action(p_elimination_id uuid) TO service_role;
