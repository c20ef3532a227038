-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if v is null or jsonb_typeof(v) <> 'number' or (v #>> '{}')::numeric not between r.min and r.max
     or (r.whole and (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)) then
    raise exception '% must be a % from % to % (got %)', field,
      case when r.whole then 'whole number' else 'number' end, r.min, r.max, coalesce(v::text, 'nothing')
      using errcode = '22023',
      detail = format('「%s」（%s）必须是%s到%s之间的%s（%s）', r.label_zh, field, r.min, r.max,
                      case when r.whole then '整数' else '数值' end, r.unit_zh);
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) TO authenticated;
GRANT ALL ON FUNCTION private.check_setting_number(r private.setting_rules, field text, v jsonb) TO service_role;
