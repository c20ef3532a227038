-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.classify_customers(p_as_of date) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  return private.classify_customers_core(p_as_of);
end
$$;

REVOKE ALL ON FUNCTION public.classify_customers(p_as_of date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.classify_customers(p_as_of date) TO service_role;
