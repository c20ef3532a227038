-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_item_save(p_item_id uuid, p_template_id uuid, p_label text, p_kind text, p_options text[] DEFAULT '{}'::text[], p_required boolean DEFAULT true) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  v_label text := btrim(coalesce(p_label, ''));
  v_options text[];
  v_old public.display_items;
  v_id uuid;
  v_sort integer;
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  if not exists (select from public.display_templates t
                  where t.id = p_template_id and t.deleted_at is null) then
    raise exception 'display template % not found', p_template_id using errcode = 'P0002',
      detail = '找不到该陈列检查模板（p_template_id）';
  end if;
  if v_label = '' or char_length(v_label) > 200 then
    raise exception 'the item needs a label (200 characters at most)' using errcode = '22023',
      detail = '请填写检查项名称（p_label，最多200字）';
  end if;
  if p_kind is null or p_kind not in ('count', 'choice', 'yes_no', 'photo', 'text') then
    raise exception 'kind % is not an item kind', p_kind using errcode = '22023',
      detail = '检查项类型（p_kind）须为排面数、选项、是否、照片或文字';
  end if;
  select coalesce(array_agg(o order by n), '{}') into v_options
    from unnest(coalesce(p_options, '{}')) with ordinality x (o, n)
   where length(btrim(coalesce(o, ''))) > 0;
  select coalesce(array_agg(btrim(o) order by n), '{}') into v_options
    from unnest(v_options) with ordinality x (o, n);
  if p_kind = 'choice' then
    if cardinality(v_options) = 0 then
      raise exception 'a choice item needs its options' using errcode = '22023',
        detail = format('「%s」是选项题，请填写选项（p_options）', v_label);
    end if;
    if cardinality(v_options) > 20 then
      raise exception 'a choice item takes 20 options at most' using errcode = '22023',
        detail = format('「%s」最多20个选项（p_options）', v_label);
    end if;
    if (select count(distinct o) from unnest(v_options) o) < cardinality(v_options)
       or exists (select from unnest(v_options) o where char_length(o) > 100) then
      raise exception 'each option is named once, in 100 characters at most'
        using errcode = '22023',
        detail = format('「%s」的选项不能重复，每个最多100字（p_options）', v_label);
    end if;
  else
    v_options := '{}';
  end if;
  if p_item_id is null then
    select coalesce(max(i.sort), 0) + 1 into v_sort from public.display_items i
     where i.template_id = p_template_id and i.deleted_at is null;
    if v_sort > 100 then
      raise exception 'a template takes 100 items at most' using errcode = '22023',
        detail = '一个模板最多100个检查项';
    end if;
    insert into public.display_items (template_id, sort, label, kind, options, required)
    values (p_template_id, v_sort, v_label, p_kind, v_options, coalesce(p_required, true))
    returning id into v_id;
    return v_id;
  end if;
  select * into v_old from public.display_items i
   where i.id = p_item_id and i.template_id = p_template_id and i.deleted_at is null;
  if not found then
    raise exception 'display item % not found', p_item_id using errcode = 'P0002',
      detail = '找不到该检查项（p_item_id）';
  end if;
  if v_old.kind <> p_kind and exists (select from public.display_answers a
                                       where a.item_id = p_item_id and a.deleted_at is null) then
    raise exception '"%" has answers: its kind stays %', v_label, v_old.kind
      using errcode = '22023',
      detail = format('「%s」已有回答，不能更改类型（p_kind）：请删除后新建一项', v_label);
  end if;
  update public.display_items
     set label = v_label, kind = p_kind, options = v_options,
         required = coalesce(p_required, true)
   where id = p_item_id;
  return p_item_id;
end
$$;

REVOKE ALL ON FUNCTION public.display_item_save(p_item_id uuid, p_template_id uuid, p_label text, p_kind text, p_options text[], p_required boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_item_save(p_item_id uuid, p_template_id uuid, p_label text, p_kind text, p_options text[], p_required boolean) TO authenticated;
GRANT ALL ON FUNCTION public.display_item_save(p_item_id uuid, p_template_id uuid, p_label text, p_kind text, p_options text[], p_required boolean) TO service_role;
