-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.

CREATE FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text DEFAULT 'zh'::text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
declare
  f jsonb := coalesce(p_figures, '{}');
  zh boolean := coalesce(p_lang, 'zh') <> 'en';
begin
  if current_user in ('authenticated', 'anon') then
    perform private.require_caller();
  end if;
  return case p_kind
    when 'credit_over_limit' then case when zh
      then format('应收余额 %s 元，超过信用额度 %s 元%s', private.fmt_money(f -> 'balance'),
                  private.fmt_money(f -> 'credit_limit'),
                  coalesce('（' || private.fmt_pct(f -> 'ratio') || '）', ''))
      else format('Receivable balance %s CNY is over the credit limit of %s CNY%s',
                  private.fmt_money(f -> 'balance'), private.fmt_money(f -> 'credit_limit'),
                  coalesce(' (' || private.fmt_pct(f -> 'ratio') || ')', '')) end
    when 'behind_plan' then case when zh
      then format('%s 年至今进货 %s 元，仅完成同期计划 %s 元的 %s', f ->> 'year',
                  private.fmt_money(f -> 'purchases'), private.fmt_money(f -> 'plan_to_date'),
                  private.fmt_pct(f -> 'attainment'))
      else format('Purchases in %s to date are %s CNY, %s of the plan to date (%s CNY)',
                  f ->> 'year', private.fmt_money(f -> 'purchases'),
                  private.fmt_pct(f -> 'attainment'), private.fmt_money(f -> 'plan_to_date')) end
    when 'below_last_year' then case when zh
      then format('近 90 天进货 %s 元，仅为去年同期 %s 元的 %s',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_money(f -> 'last_year_90d'),
                  private.fmt_pct(f -> 'ratio'))
      else format('Purchases in the last 90 days are %s CNY, %s of the same 90 days last year (%s CNY)',
                  private.fmt_money(f -> 'purchases_90d'), private.fmt_pct(f -> 'ratio'),
                  private.fmt_money(f -> 'last_year_90d')) end
    when 'purchase_frequency_drop' then case when zh
      then format('已 %s 天未进货（上次 %s），此前通常每 %s 天进货一次', f ->> 'days_since',
                  f ->> 'last_purchase', f ->> 'median_gap_days')
      else format('No purchase for %s days (last on %s); before that the customer bought every %s days',
                  f ->> 'days_since', f ->> 'last_purchase', f ->> 'median_gap_days') end
    when 'churn' then case when zh
      then format('已 %s 天未进货（上次 %s），客户可能已流失', f ->> 'days_since', f ->> 'last_purchase')
      else format('No purchase for %s days (last on %s): the customer may have stopped buying',
                  f ->> 'days_since', f ->> 'last_purchase') end
    when 'expense_over_budget' then case when zh
      then format('%s 至 %s 的销售费用 %s 元，超出预算 %s 元', f ->> 'period_start', f ->> 'period_end',
                  private.fmt_money(f -> 'spent'), private.fmt_money(f -> 'budget'))
      else format('Sales expenses for %s to %s are %s CNY, over the budget of %s CNY',
                  f ->> 'period_start', f ->> 'period_end', private.fmt_money(f -> 'spent'),
                  private.fmt_money(f -> 'budget')) end
    when 'expense_rising' then case when zh
      then format('近 3 个月销售费用 %s 元，前 3 个月 %s 元', private.fmt_money(f -> 'expenses_3m'),
                  private.fmt_money(f -> 'previous_3m'))
      else format('Sales expenses in the last 3 months are %s CNY, against %s CNY in the 3 months before',
                  private.fmt_money(f -> 'expenses_3m'), private.fmt_money(f -> 'previous_3m')) end
    when 'major_incident' then case when zh
      then format('业务员报告重大变故（%s，%s）：%s',
                  case f ->> 'incident_kind' when 'theft' then '被盗' when 'accident' then '车祸'
                    when 'family_split' then '分家' when 'serious_illness' then '重病'
                    else '其他重大变故' end,
                  f ->> 'occurred_on', f ->> 'description')
      else format('Major incident reported (%s, %s): %s', replace(f ->> 'incident_kind', '_', ' '),
                  f ->> 'occurred_on', f ->> 'description') end
    when 'complaint_unanswered' then case when zh
      then format('%s 起客户投诉超过时限仍未答复，最久已逾期 %s 天（应于 %s 前答复）',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due')
      else format('Complaints past their due time without an answer: %s; the oldest is %s days overdue (due %s)',
                  f ->> 'complaints', f ->> 'days_overdue', f ->> 'oldest_due') end
    else null
  end;
end
$$;

REVOKE ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) TO authenticated;
GRANT ALL ON FUNCTION public.warning_message(p_kind text, p_figures jsonb, p_lang text) TO service_role;
