-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.chain_owners(p_owner uuid, p_parent uuid) RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select c.id, c.parent_id, c.owner_id from public.customers c where c.id = p_parent
    union
    select c.id, c.parent_id, c.owner_id from public.customers c join up on c.id = up.parent_id
  )
  select coalesce(array_agg(distinct o), '{}') from (
    select p_owner as o union all select owner_id from up
  ) x where o is not null
$$;

REVOKE ALL ON FUNCTION private.chain_owners(p_owner uuid, p_parent uuid) FROM PUBLIC;
