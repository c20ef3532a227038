-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.areas_related(p_a uuid, p_b uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with recursive up(id, start) as (
    select p_a, 'a' union select p_b, 'b'
    union
    select a.parent_id, u.start from public.areas a join up u on a.id = u.id
     where a.parent_id is not null
  )
  select p_a = p_b
      or exists (select from up where start = 'a' and id = p_b)
      or exists (select from up where start = 'b' and id = p_a)
$$;

REVOKE ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) TO authenticated;
GRANT ALL ON FUNCTION private.areas_related(p_a uuid, p_b uuid) TO service_role;
