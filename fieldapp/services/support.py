"""Support activities (辅导支援, issue 18): the customer's support history and support recorded done
during a visit come from the phone's store (written offline, pushed; the server applies the same
rules as its RPCs); planning, completing, evaluating and cancelling from the desk, and the summary
per area, are online calls (supabase/migrations/20261212000000_support_activities.sql). The phone
checks the obvious first so that a form can say which field is wrong without a round trip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import support
from fieldapp.store.rows import read
from fieldapp.store.support import Support

# the source document's kinds (§4 辅导和支援经销商); meeting and executive_visit: other work
KINDS: dict[str, Msg] = {
    "training": Msg("培训", "Training"),
    "management": Msg("管理咨询", "Management advice"),
    "sales_activity": Msg("促销活动支持", "Sales activity support"),
    "advertising_pr": Msg("广告公关", "Advertising and PR"),
    "store_display": Msg("店面装修与陈列", "Store fitting and display"),
    "promotion": Msg("促销", "Promotion"),
    "information": Msg("信息服务", "Information service"),
}
ALL_KINDS: dict[str, Msg] = {
    **KINDS,
    "meeting": Msg("座谈会", "Meeting"),
    "executive_visit": Msg("领导拜访", "Executive visit"),
}
STATUSES: dict[str, Msg] = {
    "planned": Msg("计划", "Planned"),
    "done": Msg("已完成", "Done"),
    "evaluated": Msg("已评估", "Evaluated"),
    "cancelled": Msg("已取消", "Cancelled"),
}
INTERNAL = frozenset({"score", "evaluation_note"})  # never shown to the dealer
MAX_TEXT = 4000
MAX_COST = Decimal(1_000_000_000)


def parse_cost(raw: str | float | None) -> Decimal:
    """A cost typed on the phone: blank is 0; else a number from 0 to 1,000,000,000 with at most
    two decimals; FieldErrors naming the cost otherwise."""
    text = str(raw if raw is not None else "").strip().replace(",", "")
    if not text:
        return Decimal(0)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FieldErrors({"cost": Msg("费用须是数字", "The cost must be a number")}) from None
    if not value.is_finite() or value < 0 or value > MAX_COST:
        raise FieldErrors(
            {"cost": Msg("费用须在0到10亿元之间", "The cost must be from 0 to 1,000,000,000")}
        )
    if value != value.quantize(Decimal("0.01")):
        raise FieldErrors({"cost": Msg("费用最多两位小数", "At most two decimals")})
    return value


def _text(value: str | None, field: str, label: Msg) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise FieldErrors(
            {field: Msg(f"{label.zh}不能超过4000字", f"{label.en} is longer than 4,000 characters")}
        )
    return text or None


def kind_label(kind: str, lang: str) -> str:
    """A kind's name in lang (the raw value for an unknown one)."""
    found = ALL_KINDS.get(kind)
    return found(lang) if found else kind


def status_label(status: str, lang: str) -> str:
    """A status's name in lang."""
    found = STATUSES.get(status)
    return found(lang) if found else status


class SupportService(UserService):
    """Support activities: history and visit records from the store, the desk online."""

    def history(self, customer_id: str) -> list[Support]:
        """The customer's support activities on this phone, newest first (cancelled ones too)."""
        return support.of_customer(self.store, customer_id)

    def of_visit(self, visit_id: str) -> list[Support]:
        """Support recorded at this visit."""
        return support.of_visit(self.store, visit_id)

    def record_done(
        self,
        visit: dict[str, Any],
        kind: str | None,
        cost: str | float | None,
        materials: str | None,
        outcome: str | None,
    ) -> Support:
        """Record support done today at the visit (offline; pushed with the visit's other
        records). FieldErrors naming each bad field: kind, cost, materials, outcome."""
        errors: dict[str, Msg] = {}
        if kind not in KINDS:
            errors["kind"] = Msg("请选择支援类型", "Choose the kind of support")
        amount = Decimal(0)
        try:
            amount = parse_cost(cost)
        except FieldErrors as bad:
            errors.update(bad.fields)
        texts: dict[str, str | None] = {}
        for field, label in (
            ("materials", Msg("提供物料", "Materials")),
            ("outcome", Msg("效果", "Outcome")),
        ):
            try:
                texts[field] = _text(materials if field == "materials" else outcome, field, label)
            except FieldErrors as bad:
                errors.update(bad.fields)
        if errors or kind is None:
            raise FieldErrors(errors or {"kind": Msg("请选择支援类型", "Choose the kind")})
        row: dict[str, Any] = {
            "id": self.store.new_id(),
            "customer_id": visit["customer_id"],
            "visit_id": visit["id"],
            "kind": kind,
            "title": KINDS[kind].zh,
            "status": "done",
            "done_on": self.today().isoformat(),
            "cost": float(amount),
            "materials": texts["materials"],
            "outcome": texts["outcome"],
            "owner_id": self.user.user_id,
        }
        written: Support = self.store.write("support_activities", row)  # type: ignore[assignment]
        return written

    def find_customer(self, text: str) -> dict[str, Any] | None:
        """A customer on this phone by its exact code, else by its exact name."""
        wanted = (text or "").strip()
        if not wanted:
            return None
        for where in ("code = ?", "name = ?"):
            found = read(self.store, "customers", where, [wanted], limit=1)
            if found:
                return dict(found[0])
        return None

    # online: the desk ---------------------------------------------------------------------------

    def summary(
        self, area_id: str | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Planned vs done and cost vs budget per area and owner (public.support_summary)."""
        args: dict[str, Any] = {"p_area_id": area_id}
        if start is not None:
            args["p_from"] = start.isoformat()
        if end is not None:
            args["p_to"] = end.isoformat()
        return list(self.rpc("support_summary", **args) or [])

    def activities(
        self,
        *,
        area_id: str | None = None,
        status: str | None = None,
        customer_id: str | None = None,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """Activities in scope, newest first (public.support_list)."""
        return list(
            self.rpc(
                "support_list",
                p_area_id=area_id,
                p_status=status,
                p_customer_id=customer_id,
                p_limit=limit,
            )
            or []
        )

    def received(self, limit: int = 50) -> list[dict[str, Any]]:
        """The support the signed-in dealer's company received, newest first (public.support_list
        as the dealer): never the internal evaluation (score, note), even if a server sent it."""
        rows = self.activities(limit=limit)
        return [{k: v for k, v in r.items() if k not in INTERNAL} for r in rows]

    def plan(
        self, customer_id: str | None, kind: str | None, title: str, day: str | dt.date | None
    ) -> dict[str, Any]:
        """Plan an activity for a customer on a day; FieldErrors for a missing customer, kind or
        a bad day."""
        errors: dict[str, Msg] = {}
        if not customer_id:
            errors["customer"] = Msg("请选择客户", "Choose the customer")
        if kind not in KINDS:
            errors["kind"] = Msg("请选择支援类型", "Choose the kind of support")
        parsed = _date(day, errors, "day")
        if len((title or "").strip()) > 200:
            errors["title"] = Msg("主题不能超过200字", "The title is longer than 200 characters")
        if errors or parsed is None:
            raise FieldErrors(errors or {"day": Msg("请填写日期", "Enter the day")})
        return dict(
            self.rpc(
                "support_save",
                p_customer_id=customer_id,
                p_kind=kind,
                p_title=(title or "").strip() or None,
                p_planned_on=parsed.isoformat(),
            )
        )

    def complete(
        self,
        support_id: str,
        cost: str | float | None,
        materials: str | None = None,
        outcome: str | None = None,
        day: str | dt.date | None = None,
    ) -> dict[str, Any]:
        """Mark an activity done (today unless a day is given) with its cost."""
        errors: dict[str, Msg] = {}
        parsed = _date(day or self.today(), errors, "day")
        amount = parse_cost(cost)
        if errors or parsed is None:
            raise FieldErrors(errors)
        return dict(
            self.rpc(
                "support_complete",
                p_support_id=support_id,
                p_done_on=parsed.isoformat(),
                p_cost=str(amount),
                p_materials=_text(materials, "materials", Msg("提供物料", "Materials")),
                p_outcome=_text(outcome, "outcome", Msg("效果", "Outcome")),
            )
        )

    def evaluate(self, support_id: str, score: int | str | None, note: str = "") -> dict[str, Any]:
        """Score a done activity 1–5 with a note (area managers, managers)."""
        try:
            value = int(str(score))
        except ValueError:
            value = 0
        if value < 1 or value > 5:
            raise FieldErrors({"score": Msg("评分须是1到5分", "The score is 1 to 5")})
        return dict(
            self.rpc(
                "support_evaluate",
                p_support_id=support_id,
                p_score=value,
                p_note=_text(note, "note", Msg("评估说明", "The note")),
            )
        )

    def cancel(self, support_id: str, reason: str = "") -> dict[str, Any]:
        """Cancel a planned or done activity."""
        return dict(
            self.rpc(
                "support_cancel",
                p_support_id=support_id,
                p_reason=_text(reason, "reason", Msg("取消原因", "The reason")),
            )
        )


def _date(value: str | dt.date | None, errors: dict[str, Msg], field: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        errors[field] = Msg("日期格式为 2026-12-01", "The date looks like 2026-12-01")
        return None
