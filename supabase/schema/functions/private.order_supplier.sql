-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.order_supplier(p_customer_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  -- the first dealer (tier 1: the root) strictly above the customer; null for a dealer itself
  with recursive up as (
    select c.parent_id as id, 1 as depth from public.customers c where c.id = p_customer_id
    union all
    select c.parent_id, u.depth + 1 from up u join public.customers c on c.id = u.id
     where u.depth < 50 and c.tier <> 1
  )
  select u.id from up u join public.customers c on c.id = u.id where c.tier = 1 limit 1
$$;

REVOKE ALL ON FUNCTION private.order_supplier(p_customer_id uuid) FROM PUBLIC;
