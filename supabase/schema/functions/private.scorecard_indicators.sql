-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.scorecard_indicators() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
  select array['enthusiasm', 'flexibility', 'distribution_capacity', 'capital_strength',
               'hot_brands', 'logistics', 'credit', 'social_relations', 'sales_management',
               'network', 'promotion_ability', 'after_sales', 'relationship']
$$;

REVOKE ALL ON FUNCTION private.scorecard_indicators() FROM PUBLIC;
GRANT ALL ON FUNCTION private.scorecard_indicators() TO authenticated;
GRANT ALL ON FUNCTION private.scorecard_indicators() TO service_role;
