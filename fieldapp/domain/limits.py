"""The words for a refused check constraint (23514), in Chinese and English.

PostgreSQL names the constraint in its English message and nothing more; PostgREST passes that
on. Every check of the schema gets its sentence here, by its name: `<table>_<column>_len` (a
text's limit), `<table>_<column>_range` (a number's range; quantities are whole boxes) and
PostgreSQL's own `<table>_<column>_check` (a column's allowed values) by rule, so a new
single-column check is covered by default; a check on several columns (`<table>_check`,
`<table>_checkN`) by the table CHECKS below. tests/db/test_limit_messages.py fails for a check of
the schema this module has no sentence for."""

from __future__ import annotations

import re

_REFUSED = re.compile(r'relation "(\w+)" violates check constraint "(\w+)"')

# checks on several columns, by constraint name: (Chinese, English)
CHECKS: dict[str, tuple[str, str]] = {
    "areas_check": ("上级区域不能是本区域", "an area cannot be its own parent"),
    "profiles_check": ("业务员和区域经理必须属于某个区域", "a rep or area manager needs an area"),
    "profiles_check1": (
        "经销商账号必须关联其公司，其他账号不能关联",
        "a dealer login names its company, and only a dealer login does",
    ),
    "customers_check": (
        "一级经销商没有上级客户，二、三级网点必须有上级客户",
        "a tier-1 dealer has no parent; tier-2 and tier-3 outlets have one",
    ),
    "customers_check1": ("纬度和经度须同时填写", "latitude and longitude go together"),
    "geocode_cache_placed": (
        "定位成功的地址须有坐标和坐标系，失败的不能有",
        "a placed address has its position and datum; a failed one has none",
    ),
    "geocode_cache_reason": (
        "定位失败须写明原因，成功的不写",
        "a failed lookup states its reason; a placed one has none",
    ),
    "cases_check": (
        "售后单关闭时须记录关闭时间，未关闭的不能有关闭时间",
        "a closed case has a closing time, and only a closed case has one",
    ),
    "cases_answer_time": (
        "售后单的答复和答复时间须同时填写",
        "a case's answer and the time it was given go together",
    ),
    "customers_check2": ("上级客户不能是本客户", "a customer cannot be its own parent"),
    "contracts_check": ("合同截止日不能早于起始日", "a contract cannot end before it starts"),
    "contracts_check1": (
        "已签署的合同须有签约日期（签署前终止的除外）",
        "a signed contract needs its signing date (unless ended before signing)",
    ),
    "shipments_check": ("发货方不能是收货客户本身", "a shipment's seller cannot be its customer"),
    "visit_plans_check": (
        "已审批或已退回的计划须记录审批人和时间",
        "a decided plan records who decided it and when",
    ),
    "visits_check": (
        "不在网点附近签到时须填写原因",
        "a check-in away from the outlet needs a reason",
    ),
    "visits_check1": ("签退时间不能早于签到时间", "checking out cannot be before checking in"),
    "visits_check2": (
        "签到的纬度和经度须同时填写",
        "the check-in latitude and longitude go together",
    ),
    "visits_empty_check": (
        "无记录的拜访须是已签退的拜访并写明原因（选“其他”时须填写说明）",
        "a visit with nothing recorded is a finished one with a reason (other: with a note)",
    ),
    "expense_budgets_check": ("预算截止日不能早于起始日", "a budget cannot end before it starts"),
    "returns_check": ("已处理的退换货须有处理日期", "a decided return needs its decision date"),
    "complaints_check": (
        "已答复或已关闭的投诉须填写答复",
        "an answered or closed complaint needs a reply",
    ),
    "warnings_check": (
        "预警只有在已解除时才有解除时间",
        "a warning has a resolution time exactly when it is resolved",
    ),
    "warning_thresholds_check": (
        "阈值须针对一个等级或一个客户（二选一）",
        "a threshold is for either a grade or a customer",
    ),
    "warning_thresholds_check1": (
        "天数阈值须为1到3650之间的整数",
        "a threshold in days is a whole number from 1 to 3650",
    ),
    "warning_thresholds_check2": ("比例阈值不能超过1", "a tolerance threshold is at most 1"),
    "evaluations_notes_check": (
        "评价的指标备注须按指标填写（指标: 备注）",
        "a scorecard's notes are one note per indicator (indicator: note)",
    ),
    "setting_changes_grade_check": (
        "设置变更记录的客户等级须为 A、B、C 或 D",
        "the grade of a setting change is A, B, C or D",
    ),
    "notify_channels_name_check": (
        "群机器人名称须为1到100个字符",
        "a group bot's name is 1 to 100 characters",
    ),
    "notify_channels_platform_check": (
        "群机器人平台须为企业微信（wecom）、钉钉（dingtalk）或飞书（feishu）",
        "a group bot's platform is wecom, dingtalk or feishu",
    ),
    "notify_channels_webhook_ref_check": (
        "Webhook 地址只能填环境变量名（env:NAME）或密钥名（secret:name），不能填网址",
        "the webhook is the name of an environment variable (env:NAME) or a secret"
        " (secret:name), never the URL",
    ),
    "notify_channels_secret_ref_check": (
        "签名密钥只能填环境变量名（env:NAME）或密钥名（secret:name），不能填密钥本身",
        "the signing secret is the name of an environment variable (env:NAME) or a secret"
        " (secret:name), never the secret itself",
    ),
    "notify_channels_signed_check": (
        "钉钉和飞书机器人须配置签名密钥（加签 / 签名校验）",
        "a DingTalk or Feishu bot needs its signing secret",
    ),
    "support_activities_steps_check": (
        "已完成或已评估的支援活动须有完成日期，已评估的须有评分、评估人和时间，已取消的须有取消时间",
        "a done or evaluated support activity has its day; an evaluated one its score, evaluator"
        " and time; a cancelled one its time",
    ),
    "meeting_attendees_who_check": (
        "参会者须是一位客户或一位员工（二者选一）",
        "an attendee is either a customer or a staff member, one of the two",
    ),
    "meeting_decisions_done_check": (
        "已完成的决议须有完成时间，未完成的不能有",
        "a done decision says when it was done; an open one does not",
    ),
    "customer_feedback_where_check": (
        "客户意见只能记在一次拜访或一次座谈会上，不能同时记在两处",
        "feedback is recorded at a visit or at a meeting, not both",
    ),
    "display_items_options_check": (
        "选择题（choice）须有选项，其他类型的检查项不能有选项",
        "a choice item has options, and only a choice item has them",
    ),
    "customer_eliminations_steps_check": (
        "已确认或驳回的淘汰申请须有处理人和处理时间，已撤回的须有撤回时间",
        "a confirmed or refused elimination names who decided and when; a withdrawn one when",
    ),
    "executive_visits_steps_check": (
        "已完成的高层拜访须有拜访日期（不早于计划日期）和拜访结果，已取消的须有取消原因",
        "a done executive visit has its day (not before the planned one) and its outcome;"
        " a cancelled one its reason",
    ),
    "distribution_targets_month_check": (
        "分销目标的月份须为某月1日",
        "a distribution target's month is the first day of a month",
    ),
    "distribution_targets_scope_check": (
        "分销目标须属于一个经销商或一个区域（二选一）",
        "a distribution target belongs to either a dealer or an area",
    ),
}


def limit_message(message: str) -> tuple[str, str] | None:
    """The sentence (Chinese, English) for PostgreSQL's message of a refused check; None when
    the message names no check, or one this module does not know."""
    found = _REFUSED.search(message)
    if found is None:
        return None
    table, name = found.groups()
    if name in CHECKS:
        return CHECKS[name]
    while not name.startswith(f"{table}_") and "_" in table:  # a partition: shipments_2026_01
        table = table.rsplit("_", 1)[0]
    rule = re.fullmatch(rf"{table}_(\w+)_(len|range|check)", name)
    if rule is None:
        return None
    column, kind = rule.groups()
    field = f"{table}.{column}"
    if kind == "len":
        return f"「{field}」内容太长", f"{field} is too long"
    if kind == "range" and (column == "quantity" or column.endswith("_quantity")):
        return (
            f"「{field}」须为0到1,000,000之间的整箱数，不能有小数",
            f"{field} must be whole boxes from 0 to 1,000,000",
        )
    if kind == "range":
        return f"「{field}」超出允许范围", f"{field} is out of its range"
    return f"「{field}」的值不符合要求", f"{field} has a value that is not allowed"
