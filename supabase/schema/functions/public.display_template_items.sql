-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_template_items(p_template_id uuid) RETURNS TABLE(id uuid, sort smallint, label text, kind text, options text[], required boolean, answers bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  if not exists (select from public.display_templates t
                  where t.id = p_template_id and t.deleted_at is null) then
    raise exception 'display template % not found', p_template_id using errcode = 'P0002',
      detail = '找不到该陈列检查模板（p_template_id）';
  end if;
  return query
    select i.id, i.sort, i.label, i.kind, i.options, i.required,
           (select count(*) from public.display_answers a
             where a.item_id = i.id and a.deleted_at is null)
      from public.display_items i
     where i.template_id = p_template_id and i.deleted_at is null
     order by i.sort, i.created_at, i.id;
end
$$;

REVOKE ALL ON FUNCTION public.display_template_items(p_template_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_template_items(p_template_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.display_template_items(p_template_id uuid) TO service_role;
