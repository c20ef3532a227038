"""UI strings of the desk's smaller parts (issue 17): the group-bot delivery state and its dead
letters, a customer's warning thresholds, the overdue mark on the map. Chinese first, English
second."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    # the group-bot delivery state (推送状态), opened from the policy settings
    "nd_title": ("群机器人推送状态", "Group-bot delivery"),
    "nd_open": ("推送状态与失败消息", "Delivery state and dead letters"),
    "nd_open_tip": (
        "查看群机器人推送状态与失败消息",
        "See the group-bot delivery state and dead letters",
    ),
    "nd_offline": ("推送状态需要联网", "The delivery state needs a connection"),
    "nd_counts": (
        "待发送 {queued} · 已发送 {sent} · 失败 {dead}",
        "Queued {queued} · sent {sent} · dead {dead}",
    ),
    "nd_channels": ("群机器人", "Group bots"),
    "nd_channel_line": (
        "{name}（{platform}）：待发送 {queued} · 已发送 {sent} · 失败 {dead}",
        "{name} ({platform}): queued {queued} · sent {sent} · dead {dead}",
    ),
    "nd_inactive": ("已停用", "inactive"),
    "nd_dead": ("失败消息 {n}", "Dead letters {n}"),
    "nd_dead_none": ("没有推送失败的消息", "No dead letters"),
    "nd_dead_facts": (
        "{channel}（{platform}）· {event} · 尝试 {tries} 次 · {day}",
        "{channel} ({platform}) · {event} · {tries} tries · {day}",
    ),
    "nd_error": ("最后错误：{error}", "Last error: {error}"),
    "nd_requeue": ("重新推送", "Requeue"),
    "nd_requeue_tip": ("重新推送：{title}", "Requeue: {title}"),
    "nd_requeued": ("已重新排队：{title}", "Queued again: {title}"),
    "nd_history": ("最近重新推送", "Recently requeued"),
    "nd_history_line": (
        "{day} {clock} · {who} · {title}（原尝试 {tries} 次）· 现在：{status}",
        "{day} {clock} · {who} · {title} (had {tries} tries) · now: {status}",
    ),
    "nd_status_queued": ("待发送", "queued"),
    "nd_status_sent": ("已发送", "sent"),
    "nd_status_dead": ("失败", "dead"),
    "nd_ev_warning_raised": ("新预警", "warning raised"),
    "nd_ev_warning_overdue": ("预警逾期", "warning overdue"),
    "nd_ev_case_escalated": ("投诉升级", "case escalated"),
    # a customer's warning thresholds (预警阈值), from the customer card
    "th_open": ("预警阈值", "Warning thresholds"),
    "th_open_tip": (
        "查看和修改该客户的预警阈值",
        "See and change this customer's warning thresholds",
    ),
    "th_title": ("预警阈值：{name}", "Warning thresholds: {name}"),
    "th_offline": ("预警阈值需要联网", "Warning thresholds need a connection"),
    "th_intro": (
        "每项先看客户单独设置，其次看等级 {grade} 的设置，最后看公司默认值。",
        "Each rule uses this customer's own value, else grade {grade}'s, else the company default.",
    ),
    "th_default": ("公司默认 {value}", "Company default {value}"),
    "th_grade": ("等级 {grade}：{value}", "Grade {grade}: {value}"),
    "th_grade_none": ("等级 {grade}：未单独设置", "Grade {grade}: not set"),
    "th_ungraded": ("未评级", "ungraded"),
    "th_own": ("本客户：{value}", "This customer: {value}"),
    "th_own_none": ("本客户：未单独设置", "This customer: not set"),
    "th_used": ("生效值 {value}", "In effect {value}"),
    "th_edit_tip": ("修改本客户的{name}", "Change this customer's {name}"),
    "th_remove": ("删除本客户设置", "Remove this customer's value"),
    "th_removed": ("已删除本客户设置：{name}", "Removed this customer's value: {name}"),
    # a warning note's photos
    "wd_photo": ("调查照片", "Investigation photo"),
}
