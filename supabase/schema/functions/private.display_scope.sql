-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.display_scope(p_area_id uuid) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  api boolean := coalesce(current_setting('role', true), 'none') in ('authenticated', 'anon');
  everyone boolean;
  v_areas uuid[];
begin
  if api then
    perform private.require_staff();
  end if;
  everyone := not api or (select private.is_manager());
  if p_area_id is not null then
    if not exists (select from public.areas a where a.id = p_area_id and a.deleted_at is null)
       or not (everyone or p_area_id in (select private.my_area_ids())
               or exists (select from public.profiles p where p.id = (select auth.uid())
                           and p.area_id = p_area_id)) then
      raise exception 'area % not found', p_area_id using errcode = 'P0002',
        detail = '找不到该区域（p_area_id）';
    end if;
    with recursive tree as (
      select p_area_id as id
      union select a.id from public.areas a join tree t on a.parent_id = t.id)
    select array_agg(c.id) into v_areas from public.customers c
     where c.area_id in (select id from tree)
       and (everyone or c.id in (select private.staff_customer_ids()));
  elsif everyone then
    select array_agg(c.id) into v_areas from public.customers c;
  else
    select array_agg(x) into v_areas from private.staff_customer_ids() x;
  end if;
  return coalesce(v_areas, '{}');
end
$$;

REVOKE ALL ON FUNCTION private.display_scope(p_area_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.display_scope(p_area_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.display_scope(p_area_id uuid) TO service_role;
