-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.whoami() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  who uuid := private.require_caller();
  result jsonb;
begin
  select jsonb_build_object(
    'id', p.id, 'email', p.email, 'full_name', p.full_name, 'role', p.role, 'phone', p.phone,
    'area', case when a.id is null then null
                 else jsonb_build_object('id', a.id, 'code', a.code, 'name', a.name) end,
    -- a dealer sees its own company without internal fields (grade, quadrant, notes)
    'company', case when c.id is null then null
                    else jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name,
                      'address', c.address, 'phone', c.phone, 'credit_limit', c.credit_limit) end)
  into result
  from public.profiles p
  left join public.areas a on a.id = p.area_id
  left join public.customers c on c.id = p.customer_id
  where p.id = who;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.whoami() FROM PUBLIC;
GRANT ALL ON FUNCTION public.whoami() TO authenticated;
GRANT ALL ON FUNCTION public.whoami() TO service_role;
