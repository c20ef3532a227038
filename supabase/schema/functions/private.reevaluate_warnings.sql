-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.reevaluate_warnings(p_customer_ids uuid[], p_as_of date) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not private.warnings_deferred() then
    perform private.evaluate_warnings_core(p_customer_ids, p_as_of);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.reevaluate_warnings(p_customer_ids uuid[], p_as_of date) FROM PUBLIC;
