-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.my_area_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive tree as (
    select p.area_id as id from public.profiles p
    where p.id = (select auth.uid()) and p.active and p.role in ('rep', 'area_manager')
      and p.area_id is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select id from tree
$$;

REVOKE ALL ON FUNCTION private.my_area_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.my_area_ids() TO authenticated;
