-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.display_template_save(p_template_id uuid, p_name text, p_tier smallint DEFAULT NULL::smallint, p_grade text DEFAULT NULL::text, p_active boolean DEFAULT true) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
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

REVOKE ALL ON FUNCTION public.display_template_save(p_template_id uuid, p_name text, p_tier smallint, p_grade text, p_active boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.display_template_save(p_template_id uuid, p_name text, p_tier smallint, p_grade text, p_active boolean) TO authenticated;
GRANT ALL ON FUNCTION public.display_template_save(p_template_id uuid, p_name text, p_tier smallint, p_grade text, p_active boolean) TO service_role;
