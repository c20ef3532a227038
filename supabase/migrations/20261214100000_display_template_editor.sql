-- Issue 19 leftovers: the 陈列模板 editor of managers (fieldapp/ui/display/templates.py).
--
-- Templates and items are written by managers only (RLS of 20261213200000_display_checks.sql);
-- the editor writes through these functions, which check the caller is a manager, refuse bad
-- input with a bilingual message naming the field (22023) and write nothing then. Items are
-- never deleted: removing one sets deleted_at (answers keep their item). An item that has answers
-- keeps its kind (its answers are of that kind): remove it and add a new one instead.

-- The templates with their numbers of live items and required items, by name.
create or replace function public.display_template_list()
returns table (id uuid, name text, tier smallint, grade text, active boolean, items bigint,
               required bigint)
language plpgsql stable security definer set search_path = ''
as $$
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

-- A template's live items in order.
create or replace function public.display_template_items(p_template_id uuid)
returns table (id uuid, sort smallint, label text, kind text, options text[], required boolean,
               answers bigint)
language plpgsql stable security definer set search_path = ''
as $$
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

-- Create (p_template_id null) or change a template; returns its id.
create or replace function public.display_template_save(
  p_template_id uuid, p_name text, p_tier smallint default null, p_grade text default null,
  p_active boolean default true)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_name text := btrim(coalesce(p_name, ''));
  v_grade text := nullif(upper(btrim(coalesce(p_grade, ''))), '');
  v_id uuid;
begin
  perform private.require_caller();
  perform private.require_manager('only managers edit display check templates',
                                  '只有销售经理可以编辑陈列检查模板');
  if v_name = '' or char_length(v_name) > 200 then
    raise exception 'the template needs a name (200 characters at most)' using errcode = '22023',
      detail = '请填写模板名称（p_name，最多200字）';
  end if;
  if p_tier is not null and p_tier not between 1 and 3 then
    raise exception 'tier % is not 1, 2 or 3', p_tier using errcode = '22023',
      detail = '客户层级（p_tier）须为一批、二批、终端或全部';
  end if;
  if v_grade is not null and v_grade not in ('A', 'B', 'C', 'D') then
    raise exception 'grade % is not A, B, C or D', p_grade using errcode = '22023',
      detail = '客户等级（p_grade）须为A、B、C、D或全部';
  end if;
  if p_template_id is null then
    insert into public.display_templates (name, tier, grade, active)
    values (v_name, p_tier, v_grade, coalesce(p_active, true))
    returning id into v_id;
  else
    update public.display_templates
       set name = v_name, tier = p_tier, grade = v_grade, active = coalesce(p_active, true)
     where id = p_template_id and deleted_at is null
    returning id into v_id;
    if v_id is null then
      raise exception 'display template % not found', p_template_id using errcode = 'P0002',
        detail = '找不到该陈列检查模板（p_template_id）';
    end if;
  end if;
  return v_id;
end
$$;

-- Add (p_item_id null: at the end) or change an item; returns its id. Options only for a choice
-- item (1 to 20, each named once, 100 characters each at most); other kinds take none.
create or replace function public.display_item_save(
  p_item_id uuid, p_template_id uuid, p_label text, p_kind text,
  p_options text[] default '{}', p_required boolean default true)
returns uuid
language plpgsql security definer set search_path = ''
as $$
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

-- Move an item one place up (p_up) or down among its template's live items; the items are
-- numbered 1, 2, 3 … in their order. Returns the item's new place.
create or replace function public.display_item_move(p_item_id uuid, p_up boolean)
returns integer
language plpgsql security definer set search_path = ''
as $$
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

-- Remove an item (soft delete: answers keep it; phones drop it at their next sync).
create or replace function public.display_item_remove(p_item_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
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

revoke all on function public.display_template_list(), public.display_template_items(uuid),
  public.display_template_save(uuid, text, smallint, text, boolean),
  public.display_item_save(uuid, uuid, text, text, text[], boolean),
  public.display_item_move(uuid, boolean), public.display_item_remove(uuid) from public, anon;
grant execute on function public.display_template_list(), public.display_template_items(uuid),
  public.display_template_save(uuid, text, smallint, text, boolean),
  public.display_item_save(uuid, uuid, text, text, text[], boolean),
  public.display_item_move(uuid, boolean), public.display_item_remove(uuid)
  to authenticated, service_role;
