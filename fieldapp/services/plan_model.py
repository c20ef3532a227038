"""What the planning screen shows of a rep's week: the plan, its days, where routes start, the
suggestions, and the errors of planning."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fieldapp.errors import FieldSalesError, InvalidInput
from fieldapp.services.approvals import EDITABLE, NONE, DayPlan
from fieldapp.services.i18n import Msg
from fieldapp.store.customers import Customer
from fieldapp.store.plans import Plan


class PlanNotSent(FieldSalesError):
    """The plan could not reach the server (offline): it stays on the phone."""

    title_zh = "暂时无法提交"
    title_en = "Not submitted yet"


class PlanLocked(InvalidInput):
    """The plan is submitted or decided: its stops cannot change."""

    title_zh = "计划不能修改"
    title_en = "The plan cannot change"


@dataclass(frozen=True)
class StartPoint:
    """Where each day's route starts (office, home, the phone's position) or None."""

    kind: str  # office | home | here | none
    lat: float | None = None
    lng: float | None = None

    @property
    def latlng(self) -> tuple[float, float] | None:
        """The point, when there is one."""
        return None if self.lat is None or self.lng is None else (self.lat, self.lng)


START_LABELS = {
    "office": Msg("从公司出发", "From the office"),
    "home": Msg("从家出发", "From home"),
    "here": Msg("从当前位置出发", "From where you are"),
    "none": Msg("未设出发点（从第一站开始）", "No start point (from the first stop)"),
}


@dataclass(frozen=True)
class WeekPlan:
    """A week of the rep: the plan row (None before the first stop), days, start point."""

    week_start: dt.date
    plan: Plan | None
    days: list[DayPlan]
    start: StartPoint
    pending: bool  # edits the server has not received

    @property
    def status(self) -> str:
        """none, draft, submitted, approved, rejected or withdrawn."""
        return (self.plan or {}).get("status") or NONE

    @property
    def editable(self) -> bool:
        """Whether stops can be added, removed and reordered."""
        return self.status in EDITABLE

    @property
    def comment(self) -> str:
        """The manager's decision comment ('' when none)."""
        return (self.plan or {}).get("decision_comment") or ""

    @property
    def stop_count(self) -> int:
        """Stops in the week."""
        return sum(len(d.stops) for d in self.days)

    def day(self, day: dt.date) -> DayPlan:
        """One day of the week."""
        return next(d for d in self.days if d.day == day)


@dataclass(frozen=True)
class PlanSuggestion:
    """An outlet worth visiting that week and why."""

    customer: Customer
    reasons: tuple[str, ...]
    days_since_visit: int | None
    distance_m: float | None
    # by visit frequency: the due day (a working day: planning.due_day) and the working days
    # overdue at the week's end (planning.days_overdue, negative: still to go); None: never
    # visited, or only nearby
    due_on: dt.date | None = None
    days_overdue: int | None = None
