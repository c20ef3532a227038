"""UI strings of executive visits (高层拜访) and distribution targets (分销目标): Chinese first,
English second."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "ev_card": ("高层拜访", "Executive visits"),
    "ev_plan": ("计划高层拜访", "Plan an executive visit"),
    "ev_key": ("重点客户：建议安排高层拜访", "Key customer: an executive visit is suggested"),
    "ev_day": ("计划日期（年-月-日）", "Day (YYYY-MM-DD)"),
    "ev_purpose": ("拜访目的（必填）", "Purpose (required)"),
    "ev_planned": ("已计划高层拜访：{day}", "Executive visit planned for {day}"),
    "ev_line": ("{day} · {status}", "{day} · {status}"),
    "ev_none": ("还没有高层拜访", "No executive visits yet"),
    "ev_done": ("登记完成", "Record as done"),
    "ev_done_day": ("拜访日期（年-月-日）", "Day of the visit (YYYY-MM-DD)"),
    "ev_outcome": ("拜访结果（必填）", "Outcome (required)"),
    "ev_recorded": ("已登记高层拜访结果", "Executive visit recorded"),
    "ev_cancel": ("取消拜访", "Cancel the visit"),
    "ev_cancel_reason": ("取消原因（必填）", "Reason (required)"),
    "ev_cancelled": ("已取消高层拜访", "Executive visit cancelled"),
    "ev_list": ("高层拜访计划", "Executive visit plans"),
    "ev_list_tip": ("查看已计划的高层拜访", "See the planned executive visits"),
    "ev_list_none": (
        "没有待进行的高层拜访：在客户卡片上点“计划高层拜访”",
        "No upcoming executive visits: plan one from a customer's card",
    ),
    "ev_layer": ("高层拜访", "Executive visits"),
    "ev_layer_tip": ("在地图上显示高层拜访", "Show executive visits on the map"),
    "ev_mark": ("高层拜访 {name} {day} {status}", "Executive visit {name} {day} {status}"),
    "ev_actual": (
        "高层拜访：计划 {planned} · 完成 {done}",
        "Executive visits: planned {planned} · done {done}",
    ),
    "dt_card": ("分销目标与实际（{month}）", "Distribution target vs actual ({month})"),
    "dt_set": ("设定目标", "Set a target"),
    "dt_product": ("产品编码（SKU）", "Product (SKU)"),
    "dt_month": ("月份（年-月）", "Month (YYYY-MM)"),
    "dt_pct": ("目标铺货率 %（0–100）", "Target distribution % (0–100)"),
    "dt_outlets": ("目标活跃网点数", "Target active outlets"),
    "dt_saved": ("已保存分销目标", "Distribution target saved"),
    "dt_none": ("本月还没有分销目标", "No distribution targets this month"),
    "dt_line": (
        "目标 {target}% · 实际 {actual}% · 网点 {outlets}/{target_outlets}",
        "target {target}% · actual {actual}% · outlets {outlets}/{target_outlets}",
    ),
    "dt_met": ("达成", "Met"),
    "dt_missed": ("未达成 {gap}%", "Missed {gap}%"),
}
