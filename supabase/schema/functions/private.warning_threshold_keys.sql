-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.warning_threshold_keys() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select array['warning.behind_plan.tolerance', 'warning.below_last_year.tolerance',
               'warning.below_last_year.min_amount', 'warning.frequency_drop.factor',
               'warning.churn.days', 'warning.expense_rising.tolerance',
               'warning.expense_rising.min_amount', 'warning.credit.high_ratio',
               'warning.major_incident.days']
$$;

REVOKE ALL ON FUNCTION private.warning_threshold_keys() FROM PUBLIC;
GRANT ALL ON FUNCTION private.warning_threshold_keys() TO authenticated;
GRANT ALL ON FUNCTION private.warning_threshold_keys() TO service_role;
