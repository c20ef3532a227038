-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.area_managers_over(p_area uuid) RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id from public.areas a where a.id = p_area
    union
    select a.id, a.parent_id from public.areas a join up on a.id = up.parent_id
  )
  select coalesce(array_agg(p.id), '{}') from public.profiles p
  where p.role = 'area_manager' and p.area_id in (select id from up)
$$;

REVOKE ALL ON FUNCTION private.area_managers_over(p_area uuid) FROM PUBLIC;
