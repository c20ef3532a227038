-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.customer_owner_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
begin
  new.owner_chain := array(
    select distinct o from (
      select new.owner_id as o
      union all
      select unnest(p.owner_chain) from public.customers p where p.id = new.parent_id
    ) x where o is not null order by o);
  return new;
end
$$;

REVOKE ALL ON FUNCTION private.customer_owner_chain() FROM PUBLIC;
GRANT ALL ON FUNCTION private.customer_owner_chain() TO authenticated;
