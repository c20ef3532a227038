-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  if pg_trigger_depth() = 0 then
    raise exception 'private.% is for triggers only', 'key_taken_expense_budgets' using errcode = '42501',
      detail = '仅供触发器使用';
  end if;
  return case p_key
    when 0 then exists (select from public.expense_budgets t where (t.customer_id, t.period_start) = (r.customer_id, r.period_start))
    when 1 then exists (select from public.expense_budgets t where (t.id) = (r.id))
  end;
end
$$;

REVOKE ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) FROM PUBLIC;
GRANT ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) TO authenticated;
GRANT ALL ON FUNCTION private.key_taken_expense_budgets(p_key integer, r public.expense_budgets) TO service_role;
