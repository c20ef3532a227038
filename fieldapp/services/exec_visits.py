"""Executive visits (高层拜访, "主管领导拜访计划"): an area manager or a manager plans a visit of
an executive to a customer, records it done with its outcome, or cancels it — online, through the
server's RPCs (supabase/migrations/20261212200000_exec_visits.sql), which decide who may. The
visits come back to the phone by sync (the map's 高层拜访 layer, the customer card, the list of
plans); the phone checks the obvious first so that a form can say which field is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import exec_visits
from fieldapp.store.exec_visits import ExecVisit

PLANNERS = ("area_manager", "manager")
STATUS: dict[str, Msg] = {
    "planned": Msg("已计划", "Planned"),
    "done": Msg("已完成", "Done"),
    "cancelled": Msg("已取消", "Cancelled"),
}
MAX_TEXT = 4000
DONE_DAYS_ON_MAP = 62  # done visits of about the last two months stay on the map's layer


def is_key(customer: Mapping[str, Any]) -> bool:
    """A key customer for an executive visit: a dealer (tier 1), grade A or the core quadrant."""
    return (
        customer.get("tier") == 1
        or customer.get("grade") == "A"
        or customer.get("quadrant") == "core"
    )


def _day(text: str, field: str, words: Msg) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FieldErrors({field: words}) from None


def _text(value: str, field: str, required: Msg, too_long: Msg) -> str:
    text = (value or "").strip()
    if not text:
        raise FieldErrors({field: required})
    if len(text) > MAX_TEXT:
        raise FieldErrors({field: too_long})
    return text


class ExecVisitService(UserService):
    """Executive visits: read from the phone's store, planned and recorded online."""

    def can_plan(self) -> bool:
        """Whether the signed-in user plans executive visits (area managers, managers)."""
        return self.user.role in PLANNERS

    def of_customer(self, customer_id: str) -> list[ExecVisit]:
        """One customer's executive visits, newest plan first."""
        return exec_visits.of_customer(self.store, customer_id)

    def upcoming(self) -> list[ExecVisit]:
        """The signed-in user's planned visits (as the executive or the planner) from today on,
        soonest first (the list of plans)."""
        me = self.user.user_id
        return [
            v
            for v in exec_visits.since(self.store, self.today().isoformat(), ("planned",))
            if me in (v.get("executive_id"), v.get("created_by"))
        ]

    def on_map(self) -> dict[str, ExecVisit]:
        """Per customer, the visit the map's layer marks: its next planned one, else its latest
        done one of the last two months."""
        first = (self.today() - dt.timedelta(days=DONE_DAYS_ON_MAP)).isoformat()
        shown: dict[str, ExecVisit] = {}
        for v in exec_visits.since(self.store, first, ("planned", "done")):
            cid = v["customer_id"]
            was = shown.get(cid)
            if was is None or (was.get("status") == "done" and v.get("status") == "planned"):
                shown[cid] = v
            elif was.get("status") == v.get("status") == "done":
                shown[cid] = v  # later done one (rows come by day)
        return shown

    def plan(self, customer_id: str, day: str, purpose: str) -> dict[str, Any]:
        """Plan an executive visit by the signed-in user; FieldErrors for a bad field."""
        planned = _day(day, "day", Msg("请按 年-月-日 填写计划日期", "Give the day as YYYY-MM-DD"))
        if planned < self.today():
            raise FieldErrors({"day": Msg("计划日期不能早于今天", "The day cannot be in the past")})
        text = _text(
            purpose,
            "purpose",
            Msg("请填写拜访目的", "Please give the purpose"),
            Msg("拜访目的不能超过4000字", "The purpose is longer than 4,000 characters"),
        )
        row = self.rpc(
            "exec_visit_plan",
            p_customer_id=customer_id,
            p_planned_on=planned.isoformat(),
            p_purpose=text,
        )
        return dict(row)

    def done(self, visit_id: str, day: str, outcome: str) -> dict[str, Any]:
        """Record a planned visit done on a day with its outcome."""
        on = _day(day, "day", Msg("请按 年-月-日 填写拜访日期", "Give the day as YYYY-MM-DD"))
        if on > self.today():
            raise FieldErrors(
                {"day": Msg("拜访日期不能晚于今天", "The day cannot be in the future")}
            )
        text = _text(
            outcome,
            "outcome",
            Msg("请填写拜访结果", "Please give the outcome"),
            Msg("拜访结果不能超过4000字", "The outcome is longer than 4,000 characters"),
        )
        row = self.rpc(
            "exec_visit_done", p_visit_id=visit_id, p_done_on=on.isoformat(), p_outcome=text
        )
        return dict(row)

    def cancel(self, visit_id: str, reason: str) -> dict[str, Any]:
        """Cancel a planned visit, with a reason."""
        text = _text(
            reason,
            "reason",
            Msg("请填写取消原因", "Please give the reason"),
            Msg("取消原因不能超过4000字", "The reason is longer than 4,000 characters"),
        )
        return dict(self.rpc("exec_visit_cancel", p_visit_id=visit_id, p_reason=text))
