-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.evaluate_warnings(p_as_of date) RETURNS TABLE(action text, warning_id uuid, customer_id uuid, kind text, cause_key text, severity text, status text, figures jsonb, resolution text)
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  return query select * from private.evaluate_warnings_core(null, p_as_of);
end
$$;

REVOKE ALL ON FUNCTION public.evaluate_warnings(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluate_warnings(p_as_of date) TO service_role;
