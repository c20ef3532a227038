-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION private.check_support_fields(p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  today date := private.company_today();
begin
  if p_kind is null or p_kind not in ('training', 'management', 'sales_activity', 'advertising_pr',
                                      'store_display', 'promotion', 'information', 'meeting',
                                      'executive_visit') then
    raise exception 'kind % is not a support kind', coalesce(p_kind, '(missing)')
      using errcode = '22023', detail = '支援类型（kind）无效';
  end if;
  if length(btrim(coalesce(p_title, ''))) = 0 then
    raise exception 'title is required' using errcode = '22023', detail = '请填写支援主题（title）';
  end if;
  if p_cost is null or p_cost < 0 or p_cost > 1000000000 then
    raise exception 'cost must be from 0 to 1000000000 (got %)', p_cost using errcode = '22023',
      detail = '费用（cost）必须在0到10亿元之间';
  end if;
  if p_planned_on is not null
     and p_planned_on not between today - 366 and today + 366 then
    raise exception 'planned_on % is more than a year from today', p_planned_on
      using errcode = '22023', detail = '计划日期（planned_on）必须在今天前后一年内';
  end if;
  if p_done_on is not null and p_done_on > today then
    raise exception 'done_on % is in the future', p_done_on using errcode = '22023',
      detail = '完成日期（done_on）不能晚于今天';
  end if;
  if p_done_on is not null and p_done_on < today - 366 then
    raise exception 'done_on % is more than a year ago', p_done_on using errcode = '22023',
      detail = '完成日期（done_on）不能早于一年前';
  end if;
end
$$;

REVOKE ALL ON FUNCTION private.check_support_fields(p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION private.check_support_fields(p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric) TO authenticated;
GRANT ALL ON FUNCTION private.check_support_fields(p_kind text, p_title text, p_planned_on date, p_done_on date, p_cost numeric) TO service_role;
