-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.setting_catalog() RETURNS TABLE(section text, section_zh text, section_en text, sort integer, key text, label_zh text, label_en text, unit text, unit_zh text, shape text, value jsonb, min numeric, max numeric, whole boolean, choices text[], parts jsonb, overrides jsonb, changes jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
begin
  perform private.require_manager('only a manager reads the policy settings',
                                  '只有销售经理可以查看管理设置');
  return query
  select r.section, sec.zh, sec.en, r.sort, r.key, r.label_zh, r.label_en, r.unit, r.unit_zh,
         r.shape, s.value, r.min, r.max, r.whole, r.choices,
         (select jsonb_agg(jsonb_build_object('key', p.part, 'label_zh', p.label_zh,
                                              'label_en', p.label_en) order by p.sort)
            from private.setting_parts p where p.part = any (private.setting_shape_parts(r.shape))),
         case when r.key in (select unnest(private.warning_threshold_keys())) then
           jsonb_build_object(
             'grades', (select coalesce(jsonb_object_agg(t.grade, t.value), '{}')
                          from public.warning_thresholds t
                         where t.setting_key = r.key and t.grade is not null),
             'customers', (select coalesce(jsonb_agg(jsonb_build_object(
                                    'customer_id', c.id, 'code', c.code, 'name', c.name,
                                    'value', t.value) order by c.code), '[]')
                             from public.warning_thresholds t
                             join public.customers c on c.id = t.customer_id
                            where t.setting_key = r.key)) end,
         (select coalesce(jsonb_agg(jsonb_build_object(
                   'old_value', h.old_value, 'new_value', h.new_value, 'grade', h.grade,
                   'customer_id', h.customer_id, 'changed_by', h.changed_by,
                   'changed_by_name', coalesce(pr.full_name, '系统 (system)'),
                   'changed_at', h.changed_at) order by h.changed_at desc), '[]')
            from (select * from public.setting_changes x where x.setting_key = r.key
                   order by x.changed_at desc limit 10) h
            left join public.profiles pr on pr.id = h.changed_by)
    from private.setting_rules r
    join public.settings s on s.key = r.key and s.deleted_at is null
    join (values ('warnings', 1, '预警阈值', 'Warning thresholds'),
                 ('visits', 2, '拜访与签到', 'Visits and check-in'),
                 ('returns', 3, '退换货', 'Returns'),
                 ('cases', 4, '到货与售后', 'Deliveries and after-sales'),
                 ('desk', 5, '预警处理', 'Warnings desk'),
                 ('evaluation', 6, '客户评价', 'Evaluation scorecards'),
                 ('notify', 7, '通知推送', 'Notifications')) sec (name, ord, zh, en)
      on sec.name = r.section
   order by sec.ord, r.sort;
end
$$;

REVOKE ALL ON FUNCTION public.setting_catalog() FROM PUBLIC;
GRANT ALL ON FUNCTION public.setting_catalog() TO authenticated;
GRANT ALL ON FUNCTION public.setting_catalog() TO service_role;
