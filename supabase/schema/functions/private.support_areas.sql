-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.support_areas(p_area_id uuid, p_api boolean) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_scope uuid[];
begin
  if p_area_id is not null and not exists (select from public.areas a where a.id = p_area_id
                                               and a.deleted_at is null) then
    raise exception 'area % not found', p_area_id using errcode = 'P0002',
      detail = '找不到该区域（p_area_id）';
  end if;
  if p_api and (select private.my_role()) <> 'manager' then
    v_scope := array(select private.my_area_ids());
    if p_area_id is not null and not (p_area_id = any(v_scope)) then
      perform private.deny('you see the support of your own areas only',
                           '只能查看自己负责区域的辅导支援');
    end if;
  end if;
  if p_area_id is null then
    return v_scope;
  end if;
  return array(
    with recursive tree as (
      select p_area_id as id
      union
      select a.id from public.areas a join tree t on a.parent_id = t.id
    )
    select id from tree);
end
$$;

REVOKE ALL ON FUNCTION private.support_areas(p_area_id uuid, p_api boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.support_areas(p_area_id uuid, p_api boolean) TO service_role;
