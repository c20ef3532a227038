-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.my_company_people() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select p.id from public.profiles p
   where p.role = 'dealer' and p.customer_id = (select private.my_customer_id())
$$;

REVOKE ALL ON FUNCTION private.my_company_people() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_company_people() TO authenticated;
