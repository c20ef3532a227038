-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_template_list() RETURNS TABLE(id uuid, name text, tier smallint, grade text, active boolean, items bigint, required bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  return query
    select t.id, t.name, t.tier, t.grade::text, t.active,
           count(i.id), count(i.id) filter (where i.required)
      from public.display_templates t
      left join public.display_items i on i.template_id = t.id and i.deleted_at is null
     where t.deleted_at is null
     group by t.id
     order by t.name, t.id;
end
$$;

REVOKE ALL ON FUNCTION public.display_template_list() FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_template_list() TO authenticated;
GRANT ALL ON FUNCTION public.display_template_list() TO service_role;
