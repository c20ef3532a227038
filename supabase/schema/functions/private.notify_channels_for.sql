-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.notify_channels_for(p_area_id uuid) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up as (
    select a.id, a.parent_id, 1 as depth from public.areas a where a.id = p_area_id
    union all
    select a.id, a.parent_id, up.depth + 1 from public.areas a join up on a.id = up.parent_id
     where up.depth < 50
  )
  select ch.id from public.notify_channels ch
   where ch.active and (ch.area_id is null or ch.area_id in (select up.id from up))
$$;

REVOKE ALL ON FUNCTION private.notify_channels_for(p_area_id uuid) FROM PUBLIC;
