-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[] DEFAULT NULL::uuid[], p_from date DEFAULT NULL::date) RETURNS TABLE(customer_id uuid, period_start date, period_end date, budget numeric, spent numeric, spent_from numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    SET jit TO 'off'
    SET max_parallel_workers_per_gather TO '0'
    AS $$
#variable_conflict use_column
declare
  v_all boolean := p_customer_ids is null;
  v_ids uuid[] := coalesce(p_customer_ids, '{}'::uuid[]);
  v_from date := coalesce(p_from, p_as_of);
begin
  perform private.figure_date(p_as_of);
  return query
  select b.customer_id, b.period_start, b.period_end, b.amount,
         coalesce(sum(e.amount), 0),
         coalesce(sum(e.amount) filter (where e.spent_on >= v_from), 0)
    from public.expense_budgets b
    left join public.expenses e
      on e.customer_id = b.customer_id and e.deleted_at is null
     and e.spent_on >= b.period_start and e.spent_on <= least(p_as_of, b.period_end)
   where b.deleted_at is null and b.period_start <= p_as_of and b.period_end >= v_from
     and (v_all or b.customer_id = any(v_ids))
   group by b.id, b.customer_id, b.period_start, b.period_end, b.amount;
end
$$;

REVOKE ALL ON FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[], p_from date) FROM PUBLIC;
GRANT ALL ON FUNCTION private.budget_use(p_as_of date, p_customer_ids uuid[], p_from date) TO service_role;
