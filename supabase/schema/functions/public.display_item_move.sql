-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_item_move(p_item_id uuid, p_up boolean) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_template uuid;
  v_ids uuid[];
  v_at integer;
  v_to integer;
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  select i.template_id into v_template from public.display_items i
   where i.id = p_item_id and i.deleted_at is null;
  if v_template is null then
    raise exception 'display item % not found', p_item_id using errcode = 'P0002',
      detail = '找不到该检查项（p_item_id）';
  end if;
  select array_agg(i.id order by i.sort, i.created_at, i.id) into v_ids
    from public.display_items i where i.template_id = v_template and i.deleted_at is null;
  v_at := array_position(v_ids, p_item_id);
  v_to := case when coalesce(p_up, true) then v_at - 1 else v_at + 1 end;
  if v_to between 1 and cardinality(v_ids) then
    v_ids[v_at] := v_ids[v_to];
    v_ids[v_to] := p_item_id;
  else
    v_to := v_at;
  end if;
  update public.display_items i set sort = x.n
    from unnest(v_ids) with ordinality x (id, n)
   where i.id = x.id and i.sort is distinct from x.n::smallint;
  return v_to;
end
$$;

REVOKE ALL ON FUNCTION public.display_item_move(p_item_id uuid, p_up boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_item_move(p_item_id uuid, p_up boolean) TO authenticated;
GRANT ALL ON FUNCTION public.display_item_move(p_item_id uuid, p_up boolean) TO service_role;
