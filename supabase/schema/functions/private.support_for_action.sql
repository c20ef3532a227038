-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.support_for_action(p_support_id uuid) RETURNS public.support_activities
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  row public.support_activities;
begin
  if p_support_id is null then
    raise exception 'p_support_id is required' using errcode = '22023',
      detail = '缺少支援活动编号（p_support_id）';
  end if;
  select * into row from public.support_activities s
   where s.id = p_support_id and s.deleted_at is null for update;
  if not found or not ((select private.is_manager())
                       or row.customer_id in (select private.staff_customer_ids())) then
    raise exception 'support activity % not found', p_support_id using errcode = 'P0002',
      detail = '找不到该支援活动';
  end if;
  return row;
end
$$;

REVOKE ALL ON FUNCTION private.support_for_action(p_support_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.support_for_action(p_support_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.support_for_action(p_support_id uuid) TO service_role;
