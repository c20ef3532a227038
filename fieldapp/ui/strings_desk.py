"""UI strings of the desk-size tables (sortable columns, totals): Chinese first, English second."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "tb_total": ("合计 {n} 条", "Total {n} rows"),
    "tb_cut": ("（显示前 {n} 条，筛选可缩小范围）", "(the first {n} shown; filter to narrow)"),
    "tb_customer": ("客户", "Customer"),
    "tb_kind": ("类型", "Kind"),
    "tb_severity": ("级别", "Severity"),
    "tb_reason": ("原因", "Reason"),
    "tb_days": ("天数", "Days"),
    "tb_due": ("到期", "Due"),
    "tb_overdue": ("超时", "Overdue"),
    "tb_owner": ("负责人", "Owner"),
    "tb_rep": ("业务员", "Rep"),
    "tb_area": ("区域", "Area"),
    "tb_status": ("状态", "Status"),
    "tb_title": ("标题", "Title"),
    "tb_opened": ("提交", "Opened"),
    "tb_boxes": ("箱数", "Boxes"),
    "tb_week": ("计划周", "Week"),
    "tb_stops": ("拜访数", "Stops"),
    "tb_visit_days": ("天数", "Days"),
    "tb_dealer": ("经销商", "Dealer"),
    "tb_plan": ("{year} 年计划", "{year} plan"),
    "tb_bought": ("已进货", "Bought"),
    "tb_progress": ("进度", "Progress"),
    "tb_balance": ("应收余额", "Balance"),
    "tb_credit": ("信用额度", "Credit limit"),
    "tb_over": ("超额", "Over limit"),
    "tb_contract": ("合同", "Contract"),
}
