-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_item_remove(p_item_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  update public.display_items set deleted_at = now()
   where id = p_item_id and deleted_at is null;
  if not found then
    raise exception 'display item % not found', p_item_id using errcode = 'P0002',
      detail = '找不到该检查项（p_item_id）';
  end if;
end
$$;

REVOKE ALL ON FUNCTION public.display_item_remove(p_item_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_item_remove(p_item_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.display_item_remove(p_item_id uuid) TO service_role;
