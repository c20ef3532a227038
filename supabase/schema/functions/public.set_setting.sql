-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.set_setting(p_key text, p_value jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  result jsonb;
begin
  perform private.require_manager('only a manager changes the policy settings',
                                  '只有销售经理可以修改管理设置');
  if p_key is null or btrim(p_key) = '' then
    raise exception 'p_key is required: the setting to change' using errcode = '22023',
      detail = '请指定要修改的设置项（p_key）';
  end if;
  if not exists (select from private.setting_rules r join public.settings s on s.key = r.key
                  where r.key = p_key and s.deleted_at is null) then
    raise exception 'there is no policy setting %', left(p_key, 200) using errcode = '22023',
      detail = format('没有这个管理设置项（p_key）：%s', left(p_key, 200));
  end if;
  if p_value is null then
    raise exception 'p_value is required: the new value of %', p_key using errcode = '22023',
      detail = format('请填写设置项 %s 的新值（p_value）', p_key);
  end if;
  update public.settings s set value = p_value where s.key = p_key;
  select to_jsonb(c) into result from public.setting_catalog() c where c.key = p_key;
  return result;
end
$$;

REVOKE ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) TO authenticated;
GRANT ALL ON FUNCTION public.set_setting(p_key text, p_value jsonb) TO service_role;
