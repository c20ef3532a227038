-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select exists (
    select from public.profiles p, public.customers c
     where p.id = p_profile and c.id = p_customer_id and p.active
       and (p.role = 'manager'
            or (p.role = 'rep' and c.owner_chain @> array[p.id])
            or (p.role = 'area_manager' and p.id = any(private.area_managers_over(c.area_id)))))
$$;

REVOKE ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.staff_sees_customer(p_profile uuid, p_customer_id uuid) TO service_role;
