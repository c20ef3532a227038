"""Today's route: the approved visit plan's stops for today, in route order, with status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.domain import clock
from fieldapp.domain.distance import haversine_m
from fieldapp.services import formatting as fmt
from fieldapp.services.device import SignedIn
from fieldapp.services.i18n import Msg
from fieldapp.services.position import Fix, distance_to
from fieldapp.store import Store, customers, plans, visits
from fieldapp.store.customers import Customer
from fieldapp.store.plans import Plan, Stop
from fieldapp.store.visits import Visit

PLANNED, IN_PROGRESS, DONE, MISSED = "planned", "in_progress", "done", "missed"
EMPTY = "empty"  # visited, nothing recorded (the visit says why: visits.empty_reason)
STOP_STATUS: dict[str, Msg] = {
    PLANNED: Msg("待拜访", "Planned"),
    IN_PROGRESS: Msg("拜访中", "In progress"),
    DONE: Msg("已完成", "Done"),
    EMPTY: Msg("已拜访·无记录", "Visited, nothing recorded"),
    MISSED: Msg("已错过", "Missed"),
}


@dataclass(frozen=True)
class TodayStop:
    """One stop of today's route."""

    stop: Stop
    customer: Customer | None  # None when the outlet is no longer on the phone
    status: str
    visit: Visit | None
    leg_m: float | None  # from the previous stop
    here_m: float | None  # from the current position

    @property
    def name(self) -> str:
        """The outlet's name (or its id when it is gone)."""
        return (self.customer or {}).get("name") or self.stop.get("customer_id", "")


@dataclass(frozen=True)
class TodayRoute:
    """Today's stops in route order, the next one to visit and the visits off the plan."""

    day: dt.date
    plans: list[Plan]
    stops: list[TodayStop]
    unplanned: list[Visit]  # today's visits that are not for a stop of the plan

    @property
    def done(self) -> int:
        """Stops visited with something recorded."""
        return sum(1 for s in self.stops if s.status == DONE)

    @property
    def empty(self) -> int:
        """Stops visited with nothing recorded (已拜访·无记录), not counted done."""
        return sum(1 for s in self.stops if s.status == EMPTY)

    @property
    def next_stop(self) -> TodayStop | None:
        """The stop in progress, else the first one still planned."""
        for status in (IN_PROGRESS, PLANNED):
            for s in self.stops:
                if s.status == status and s.customer is not None:
                    return s
        return None

    @property
    def length_m(self) -> float:
        """Route length between the stops (known legs only)."""
        return sum(s.leg_m or 0.0 for s in self.stops)


class TodayService:
    """Builds today's route from the approved plans on the phone."""

    def __init__(self, store: Store, user: SignedIn, now: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.user = user
        self.now = now

    def route(self, here: Fix | None = None, day: dt.date | None = None) -> TodayRoute:
        """The approved plan's stops for the day, in route order, with status and distances."""
        day = day or clock.today(self.now())
        approved = plans.approved_of_rep_week(
            self.store, self.user.user_id, clock.monday(day).isoformat()
        )
        stops: list[Stop] = []
        for p in approved:
            stops += plans.stops_of_day(self.store, p["id"], day.isoformat())
        stops.sort(key=lambda s: (s.get("seq") or 0, s["id"]))
        of_day = self._visits_of_day(day)
        by_stop: dict[str, Visit] = {}
        by_customer: dict[str, Visit] = {}
        for v in of_day:  # the best visit wins: done (with records first), in progress, cancelled
            stop_id = v.get("plan_stop_id")
            key, index = (stop_id, by_stop) if stop_id else (v["customer_id"], by_customer)
            if key not in index or _RANK.get(visit_state(v), 9) < _RANK.get(
                visit_state(index[key]), 9
            ):
                index[key] = v
        outlets = customers.by_ids(self.store, sorted({s["customer_id"] for s in stops}))
        past = day < clock.today(self.now())
        out: list[TodayStop] = []
        used: set[str] = set()
        prev: Customer | None = None
        for s in stops:
            c = outlets.get(s["customer_id"])
            seen = by_stop.get(s["id"]) or by_customer.get(s["customer_id"])
            if seen is not None:
                used.add(seen["id"])
            out.append(
                TodayStop(s, c, _status(seen, past), seen, _leg(prev, c), distance_to(here, c))
            )
            prev = c or prev
        stop_ids = {s["id"] for s in stops}
        unplanned = [
            v for v in of_day if v["id"] not in used and v.get("plan_stop_id") not in stop_ids
        ]
        return TodayRoute(day, approved, out, unplanned)

    def _visits_of_day(self, day: dt.date) -> list[Visit]:
        lo, hi = (day - dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=2)).isoformat()
        rows = visits.of_rep_between(self.store, self.user.user_id, lo, hi)
        out = []
        for v in rows:
            t = fmt.parse_time(v.get("checkin_at"))
            if t is not None and clock.day_of(t) == day:
                out.append(v)
        return out


_RANK = {"done": 0, "empty": 1, "in_progress": 2, "cancelled": 3}


def visit_state(visit: Visit) -> str:
    """done, empty (done with nothing recorded), in_progress or cancelled."""
    status = visit.get("status") or ""
    return EMPTY if status == "done" and visit.get("empty_reason") else status


def _status(visit: Visit | None, past: bool) -> str:
    if visit is None:
        return MISSED if past else PLANNED
    status = visit_state(visit)
    if status in (DONE, EMPTY):
        return status
    if status == "in_progress":
        return IN_PROGRESS
    return MISSED  # cancelled


def _leg(prev: Customer | None, cur: Customer | None) -> float | None:
    if prev is None or cur is None:
        return None
    a, b = (prev.get("lat"), prev.get("lng")), (cur.get("lat"), cur.get("lng"))
    if a[0] is None or a[1] is None or b[0] is None or b[1] is None:
        return None
    return haversine_m(a[0], a[1], b[0], b[1])
