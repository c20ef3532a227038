-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text DEFAULT NULL::text, p_customer_id uuid DEFAULT NULL::uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  r private.setting_rules;
begin
  perform private.require_manager('only a manager changes warning thresholds',
                                  '只有销售经理可以修改预警阈值');
  if p_setting_key is null or not (p_setting_key = any (private.warning_threshold_keys())) then
    raise exception 'p_setting_key must be one of % (got %)',
      array_to_string(private.warning_threshold_keys(), ', '), coalesce(left(p_setting_key, 200), 'nothing')
      using errcode = '22023', detail = '预警阈值项（p_setting_key）无效';
  end if;
  if (p_grade is null) = (p_customer_id is null) then
    raise exception 'name either p_grade or p_customer_id (exactly one)' using errcode = '22023',
      detail = '请指定客户等级（p_grade）或客户（p_customer_id），二者只能选一';
  end if;
  if p_grade is not null and p_grade not in ('A', 'B', 'C', 'D') then
    raise exception 'p_grade must be A, B, C or D (got %)', left(p_grade, 20) using errcode = '22023',
      detail = '客户等级（p_grade）必须是 A、B、C 或 D';
  end if;
  if p_customer_id is not null and not exists (
      select from public.customers c where c.id = p_customer_id and c.deleted_at is null) then
    raise exception 'no such customer' using errcode = 'P0002', detail = '没有这个客户（p_customer_id）';
  end if;
  if p_value is not null then
    select * into r from private.setting_rules s where s.key = p_setting_key;
    perform private.check_setting_number(r, p_setting_key, to_jsonb(p_value));
  end if;
  if p_value is null then
    delete from public.warning_thresholds t
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
  else
    update public.warning_thresholds t set value = p_value
     where t.setting_key = p_setting_key
       and (t.grade = p_grade or t.customer_id = p_customer_id);
    if not found then
      insert into public.warning_thresholds (setting_key, grade, customer_id, value)
      values (p_setting_key, p_grade, p_customer_id, p_value);
    end if;
  end if;
  return jsonb_build_object('setting_key', p_setting_key, 'grade', p_grade,
                            'customer_id', p_customer_id, 'value', p_value);
end
$$;

REVOKE ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.set_warning_threshold(p_setting_key text, p_value numeric, p_grade text, p_customer_id uuid) TO service_role;
