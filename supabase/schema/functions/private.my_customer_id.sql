-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.my_customer_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.customer_id from public.profiles p
  where p.id = (select auth.uid()) and p.active and p.role = 'dealer'
$$;

REVOKE ALL ON FUNCTION private.my_customer_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_customer_id() TO authenticated;
