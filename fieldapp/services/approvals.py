"""Approvals (审批) of submitted visit plans, plan versus actual, and the plan views (days,
stops, status) that the rep's planning and the approver both read."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fieldapp.domain import planning
from fieldapp.domain.plan_actual import PlanActual
from fieldapp.domain.planning import DayEstimate, Outlet, PlanningSettings
from fieldapp.errors import FieldSalesError, InvalidInput
from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg
from fieldapp.store import Store, customers, plans, preferences
from fieldapp.store.customers import Customer
from fieldapp.store.plans import Plan, Stop

log = logging.getLogger(__name__)
MAX_COMMENT = 2000  # as decide_visit_plan allows
NONE, DRAFT, SUBMITTED, APPROVED, REJECTED, WITHDRAWN = (
    "none",
    "draft",
    "submitted",
    "approved",
    "rejected",
    "withdrawn",
)
EDITABLE = (NONE, DRAFT, WITHDRAWN, REJECTED)  # the guards let the rep change stops only then
STATUS: dict[str, Msg] = {
    NONE: Msg("未制定", "No plan"),
    DRAFT: Msg("草稿", "Draft"),
    SUBMITTED: Msg("待审批", "Awaiting approval"),
    APPROVED: Msg("已批准", "Approved"),
    REJECTED: Msg("已驳回", "Rejected"),
    WITHDRAWN: Msg("已撤回", "Withdrawn"),
}


@dataclass(frozen=True)
class PlanStop:
    """One stop of a day: the stop row and its outlet (None when it left the phone)."""

    stop: Stop
    customer: Customer | None

    @property
    def name(self) -> str:
        """The outlet's name (or its id)."""
        return (self.customer or {}).get("name") or self.stop.get("customer_id", "")


@dataclass(frozen=True)
class DayPlan:
    """A day's stops in visiting order and its distance and time."""

    day: dt.date
    stops: list[PlanStop]
    estimate: DayEstimate


def actual_rows(rows: Iterable[Mapping[str, Any]] | None) -> list[PlanActual]:
    """PlanActual rows from plan_vs_actual's answer."""
    return [PlanActual.from_row(r) for r in rows or []]


@dataclass(frozen=True)
class PendingPlan:
    """A plan in the approver's list: whose, which week, how many stops on how many days."""

    plan: Plan
    rep_name: str
    area_name: str
    stops: int
    days: int

    @property
    def week_start(self) -> dt.date:
        """The plan's Monday."""
        return dt.date.fromisoformat(self.plan["week_start"])


@dataclass(frozen=True)
class PlanDetail:
    """A plan with its days (only days with stops) for the approver."""

    head: PendingPlan
    days: list[DayPlan]

    @property
    def distance_km(self) -> float:
        """The week's route length."""
        return sum(d.estimate.distance_km for d in self.days)


def planning_settings(store: Store) -> PlanningSettings:
    """Visit frequency, visit duration per grade and average speed (defaults if unset/bad)."""
    values = {
        k: value
        for k in ("visit.frequency_days", "visit.duration_min", "visit.avg_speed_kmh")
        if (value := preferences.setting(store, k)) is not None
    }
    try:
        return PlanningSettings.from_settings(values)
    except (InvalidInput, TypeError, ValueError) as exc:
        log.warning("planning settings unusable, defaults used: %s", exc)
        return PlanningSettings()


def point_of(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, Mapping):
        return None
    try:
        lat, lng = float(value["lat"]), float(value["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    return (lat, lng) if -90 <= lat <= 90 and -180 <= lng <= 180 else None


def outlet_of(
    c: Customer | None, key: str, last: dt.date | None = None, warnings: int = 0
) -> Outlet:
    """A planning Outlet keyed by `key` (a customer id or a stop id); bad data is left out."""
    c = c or Customer()
    lat, lng = c.get("lat"), c.get("lng")
    point = point_of({"lat": lat, "lng": lng}) if lat is not None and lng is not None else None
    grade = c.get("grade")
    return Outlet(
        key,
        c.get("name") or key,
        point[0] if point else None,
        point[1] if point else None,
        grade if grade in planning.GRADES else None,
        last,
        warnings,
    )


class ApprovalService(UserService):
    """Decisions for area managers (their area) and managers (all): RLS scopes what they see."""

    def setup(self) -> None:
        """Caches of this service."""
        self._names: dict[str, tuple[str, str]] = {}  # rep id → (name, area), from the server
        self._named_weeks: set[dt.date] = set()
        self._decided: dict[str, str] = {}  # decided here, until the next pull says so

    # -- lists ---------------------------------------------------------------------------------

    def submitted(self) -> list[PendingPlan]:
        """Plans awaiting a decision (of the area's reps, or all for a manager), oldest week
        first; plans decided on this phone leave the list at once."""
        waiting = [
            p
            for p in plans.submitted_by_others(self.store, self.user.user_id)
            if p["id"] not in self._decided
        ]
        return [self._head(p) for p in waiting]

    def decided(self, limit: int = 10) -> list[PendingPlan]:
        """Recently decided plans, newest decision first."""
        decided = plans.decided_of_others(self.store, self.user.user_id)
        decided.sort(key=lambda p: p.get("decided_at") or "", reverse=True)
        return [self._head(p) for p in decided[:limit]]

    def plan(self, plan_id: str) -> PlanDetail:
        """A plan's days with stops in visiting order, distance and time per day."""
        p = plans.get(self.store, plan_id)
        if p is None:
            raise InvalidInput("找不到该拜访计划", "visit plan not found")
        stops = plans.stops(self.store, plan_id)
        outlets = customers.by_ids(self.store, sorted({s["customer_id"] for s in stops}))
        cfg = planning_settings(self.store)
        days = []
        for day in sorted({s["visit_date"] for s in stops}):
            mine = [
                PlanStop(s, outlets.get(s["customer_id"])) for s in stops if s["visit_date"] == day
            ]
            d = dt.date.fromisoformat(day)
            est = planning.estimate_day(
                [outlet_of(x.customer, x.stop["customer_id"]) for x in mine],
                cfg,
                day=d,
                optimize=False,
            )
            days.append(DayPlan(d, mine, est))
        return PlanDetail(self._head(p, stops), days)

    def team(self, week_start: dt.date) -> list[PlanActual]:
        """Plan versus actual of every rep the user manages for a week (online)."""
        rows = actual_rows(self.rpc("plan_vs_actual", p_week_start=week_start.isoformat()))
        for r in rows:
            self._names[r.rep_id] = (r.rep_name, r.area_name)
        self._named_weeks.add(week_start)
        return rows

    # -- decisions (online) ------------------------------------------------------------------

    def approve(self, plan_id: str, comment: str = "") -> dict[str, Any]:
        """Approve a submitted plan, with an optional comment."""
        return self._decide(plan_id, APPROVED, comment)

    def reject(self, plan_id: str, comment: str) -> dict[str, Any]:
        """Reject a submitted plan; the comment (why) is required."""
        return self._decide(plan_id, REJECTED, comment)

    def _decide(self, plan_id: str, decision: str, comment: str) -> dict[str, Any]:
        text = (comment or "").strip()
        if decision == REJECTED and not text:
            raise FieldErrors({"comment": Msg("驳回时必须填写意见", "A rejection needs a comment")})
        if len(text) > MAX_COMMENT:
            raise FieldErrors(
                {
                    "comment": Msg(
                        f"意见不能超过 {MAX_COMMENT} 字", f"At most {MAX_COMMENT} characters"
                    )
                }
            )
        if not plan_id:
            raise InvalidInput("缺少计划编号", "no plan given")
        fn = "approve_visit_plan" if decision == APPROVED else "reject_visit_plan"
        row: dict[str, Any] = self.rpc(fn, p_plan_id=plan_id, p_comment=text or None)
        self._decided[plan_id] = decision
        return row

    # -- helpers -------------------------------------------------------------------------------

    def _head(self, p: Plan, stops: list[Stop] | None = None) -> PendingPlan:
        if stops is None:
            stops = plans.stops(self.store, p["id"])
        week = dt.date.fromisoformat(p["week_start"])
        if p["rep_id"] not in self._names and week not in self._named_weeks:
            self._learn_names(week)
        name, area = self._names.get(p["rep_id"], ("", ""))
        return PendingPlan(p, name, area, len(stops), len({s["visit_date"] for s in stops}))

    def _learn_names(self, week: dt.date) -> None:
        """Reps' names come with plan_vs_actual (profiles are not on the phone); offline the
        list shows without them."""
        self._named_weeks.add(week)
        try:
            self.team(week)
        except FieldSalesError as exc:
            log.info("rep names unavailable: %s", exc)
