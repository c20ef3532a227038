"""Warnings on the phone: the one-sentence reason, built from the warning's figures.

The same sentence as the server's `public.warning_message(kind, figures, lang)`
(supabase/migrations/*_warnings.sql), so the phone can show it offline; a test compares both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, TypeVar

from fieldapp.domain import legend
from fieldapp.services.i18n import Msg

W = TypeVar("W", bound=Mapping[str, Any])
# the names the map legend uses, so the app and the map say the same thing
KINDS: dict[str, Msg] = {k: Msg(*v) for k, v in legend.WARNING_KINDS.items()}
SEVERITIES: dict[str, Msg] = {
    "high": Msg("高", "High"),
    "medium": Msg("中", "Medium"),
    "low": Msg("低", "Low"),
}
_INCIDENT_ZH = {
    "theft": "被盗",
    "accident": "车祸",
    "family_split": "分家",
    "serious_illness": "重病",
}


def _num(x: Any) -> Decimal | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        return Decimal(str(x))
    except (InvalidOperation, ValueError):
        return None


def _money(x: Any) -> str:
    """to_char(x, 'FM999,999,999,999,990.00'); '' for null (as format('%s', null))."""
    d = _num(x)
    if d is None:
        return ""
    return f"{d.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def _pct(x: Any) -> str | None:
    """to_char(x * 100, 'FM999,999,990.0') || '%'; None for null."""
    d = _num(x)
    if d is None:
        return None
    return f"{(d * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,.1f}%"


def _text(x: Any) -> str:
    """f ->> 'key' as format('%s') shows it: '' for null, JSON numbers as written."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    return str(x)


def warning_message(kind: str, figures: Mapping[str, Any] | None, lang: str = "zh") -> str | None:
    """The reason of a warning in one sentence (Chinese unless lang is "en"); None if unknown."""
    f = dict(figures or {})
    zh = lang != "en"

    def m(key: str) -> str:
        return _money(f.get(key))

    def p(key: str) -> str:
        return _pct(f.get(key)) or ""

    def s(key: str) -> str:
        return _text(f.get(key))

    if kind == "credit_over_limit":
        ratio = _pct(f.get("ratio"))
        if zh:
            tail = f"（{ratio}）" if ratio else ""
            return f"应收余额 {m('balance')} 元，超过信用额度 {m('credit_limit')} 元{tail}"
        tail = f" ({ratio})" if ratio else ""
        return (
            f"Receivable balance {m('balance')} CNY is over the credit limit of "
            f"{m('credit_limit')} CNY{tail}"
        )
    if kind == "behind_plan":
        if zh:
            return (
                f"{s('year')} 年至今进货 {m('purchases')} 元，"
                f"仅完成同期计划 {m('plan_to_date')} 元的 {p('attainment')}"
            )
        return (
            f"Purchases in {s('year')} to date are {m('purchases')} CNY, {p('attainment')} of the"
            f" plan to date ({m('plan_to_date')} CNY)"
        )
    if kind == "below_last_year":
        if zh:
            return (
                f"近 90 天进货 {m('purchases_90d')} 元，仅为去年同期 {m('last_year_90d')} 元的"
                f" {p('ratio')}"
            )
        return (
            f"Purchases in the last 90 days are {m('purchases_90d')} CNY, {p('ratio')} of the same"
            f" 90 days last year ({m('last_year_90d')} CNY)"
        )
    if kind == "purchase_frequency_drop":
        if zh:
            return (
                f"已 {s('days_since')} 天未进货（上次 {s('last_purchase')}），此前通常每"
                f" {s('median_gap_days')} 天进货一次"
            )
        return (
            f"No purchase for {s('days_since')} days (last on {s('last_purchase')}); before that"
            f" the customer bought every {s('median_gap_days')} days"
        )
    if kind == "churn":
        if zh:
            return f"已 {s('days_since')} 天未进货（上次 {s('last_purchase')}），客户可能已流失"
        return (
            f"No purchase for {s('days_since')} days (last on {s('last_purchase')}): the customer"
            " may have stopped buying"
        )
    if kind == "expense_over_budget":
        if zh:
            return (
                f"{s('period_start')} 至 {s('period_end')} 的销售费用 {m('spent')} 元，超出预算"
                f" {m('budget')} 元"
            )
        return (
            f"Sales expenses for {s('period_start')} to {s('period_end')} are {m('spent')} CNY,"
            f" over the budget of {m('budget')} CNY"
        )
    if kind == "expense_rising":
        if zh:
            return f"近 3 个月销售费用 {m('expenses_3m')} 元，前 3 个月 {m('previous_3m')} 元"
        return (
            f"Sales expenses in the last 3 months are {m('expenses_3m')} CNY, against"
            f" {m('previous_3m')} CNY in the 3 months before"
        )
    if kind == "major_incident":
        what = f.get("incident_kind")
        if zh:
            label = _INCIDENT_ZH.get(str(what), "其他重大变故")
            return f"业务员报告重大变故（{label}，{s('occurred_on')}）：{s('description')}"
        label = "" if what is None else _text(what).replace("_", " ")
        return f"Major incident reported ({label}, {s('occurred_on')}): {s('description')}"
    if kind == "complaint_unanswered":
        if zh:
            return (
                f"{s('complaints')} 起客户投诉超过时限仍未答复，最久已逾期 {s('days_overdue')} 天"
                f"（应于 {s('oldest_due')} 前答复）"
            )
        return (
            f"Complaints past their due time without an answer: {s('complaints')}; the oldest is"
            f" {s('days_overdue')} days overdue (due {s('oldest_due')})"
        )
    return None


def open_warnings(rows: Iterable[W]) -> list[W]:
    """The warnings that are not resolved, most severe first."""
    rank = {"high": 0, "medium": 1, "low": 2}
    live = [w for w in rows if w.get("status") != "resolved"]
    return sorted(
        live, key=lambda w: (rank.get(w.get("severity") or "", 3), w.get("raised_at") or "")
    )


def reason(w: Mapping[str, Any]) -> Msg:
    """A warning row's reason in both languages (its kind's name when the kind is unknown)."""
    kind = str(w.get("kind") or "")
    name = KINDS.get(kind, Msg(kind, kind))
    figures = w.get("figures") if isinstance(w.get("figures"), Mapping) else None
    return Msg(
        warning_message(kind, figures, "zh") or name.zh,
        warning_message(kind, figures, "en") or name.en,
    )
