-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.report_customers(p_area_code text) RETURNS TABLE(id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select r.id from private.report_customers(p_area_code, null::smallint) r
$$;

CREATE FUNCTION private.report_customers(p_area_code text, p_tier smallint) RETURNS TABLE(id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
#variable_conflict use_column
declare
  everyone boolean := private.report_sees_all();
  v_area uuid;
begin
  if p_area_code is not null then
    select a.id into v_area from public.areas a where a.code = p_area_code and a.deleted_at is null;
    if v_area is null then
      raise exception 'area % not found', p_area_code using errcode = 'P0002',
        detail = format('找不到区域「%s」', p_area_code);
    end if;
  end if;
  return query
  with recursive tree as (
    select v_area as id where v_area is not null
    union
    select a.id from public.areas a join tree t on a.parent_id = t.id
  )
  select c.id from public.customers c
   where c.deleted_at is null and (p_tier is null or c.tier = p_tier)
     and (v_area is null or c.area_id in (select t.id from tree t))
     and (everyone or c.id in (select private.staff_customer_ids()));
end
$$;

REVOKE ALL ON FUNCTION private.report_customers(p_area_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text) TO authenticated;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text) TO service_role;

REVOKE ALL ON FUNCTION private.report_customers(p_area_code text, p_tier smallint) FROM PUBLIC;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text, p_tier smallint) TO authenticated;
GRANT ALL ON FUNCTION private.report_customers(p_area_code text, p_tier smallint) TO service_role;
