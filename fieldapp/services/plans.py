"""The rep's weekly visit plans (拜访计划): suggestions, days, route order, submission."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from fieldapp.domain import clock, planning, workcal
from fieldapp.domain.distance import haversine_m
from fieldapp.domain.plan_actual import PlanActual
from fieldapp.domain.planning import DayEstimate, PlanningSettings
from fieldapp.domain.workcal import SETTING as CALENDAR_SETTING
from fieldapp.domain.workcal import WorkCalendar
from fieldapp.errors import InvalidInput
from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import (
    APPROVED,
    DRAFT,
    EDITABLE,
    STATUS,
    SUBMITTED,
    DayPlan,
    PlanStop,
    actual_rows,
    outlet_of,
    planning_settings,
    point_of,
)
from fieldapp.services.base import UserService
from fieldapp.services.i18n import Msg
from fieldapp.services.plan_model import (
    PlanLocked,
    PlanNotSent,
    PlanSuggestion,
    StartPoint,
    WeekPlan,
)
from fieldapp.services.position import Fix
from fieldapp.store import customers as customer_store
from fieldapp.store import plans as plan_store
from fieldapp.store import preferences
from fieldapp.store import visits as visit_store
from fieldapp.store import warnings as warning_store
from fieldapp.store.customers import Customer
from fieldapp.store.plans import Plan, Stop
from fieldapp.sync.errors import ConnectionLost, SyncBusy, SyncError

log = logging.getLogger(__name__)
REASONS: dict[str, Msg] = {
    planning.REASON_DUE: Msg("按频次到期", "Due"),
    planning.REASON_WARNING: Msg("有预警", "Warning"),
    planning.REASON_LONGEST: Msg("最久未访", "Longest unvisited"),
    "nearby": Msg("附近", "Nearby"),
}
ROUTE_START = "visit.route_start"  # {"mode": "office"|"home", "office": {lat,lng}, "offices":
# {area_id: {lat,lng}}, "homes": {rep_id: {lat,lng}}}; missing → the phone's position, else none
NEARBY = 5  # nearest unplanned outlets suggested around the position
WEEK_DAYS = 7
SEQ_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SYNC_WAIT_S = 30.0  # a background sync may be running when the rep submits


class PlanService(UserService):
    """Planning for the signed-in rep: works on the phone's store, offline; submits online."""

    # -- reading -------------------------------------------------------------------------------

    def this_week(self) -> dt.date:
        """The Monday of the current week (local time)."""
        return clock.monday(clock.today(self.now()))

    def settings(self) -> PlanningSettings:
        """Visit frequency, visit duration per grade and average speed (defaults if unset/bad)."""
        return planning_settings(self.store)

    def calendar(self) -> WorkCalendar:
        """The company's working calendar: statutory days plus the managers' calendar.days (a bad
        setting is logged and left out: the statutory calendar still answers)."""
        try:
            return WorkCalendar.from_setting(preferences.setting(self.store, CALENDAR_SETTING))
        except InvalidInput as exc:
            log.warning("setting %s ignored: %s", CALENDAR_SETTING, exc)
            return WorkCalendar()

    def day_kinds(self, week_start: dt.date) -> dict[dt.date, tuple[str, str | None]]:
        """Each day of the week: (holiday|makeup|weekend|work, the holiday's name or note)."""
        cal = self.calendar()
        return {
            d: (cal.day_kind(d), cal.note(d))
            for d in planning.week_days(_monday(week_start), WEEK_DAYS)
        }

    def start_point(self, here: Fix | None = None) -> StartPoint:
        """The route start: the setting's office or home, else the other, else here, else none."""
        value = preferences.setting(self.store, ROUTE_START)
        value = value if isinstance(value, Mapping) else {}
        area = self._my_area()
        offices = value.get("offices") or {}
        office = point_of(offices.get(area or "")) or point_of(value.get("office"))
        home = point_of((value.get("homes") or {}).get(self.user.user_id))
        order = (("home", home), ("office", office))
        if value.get("mode", "office") != "home":
            order = order[::-1]
        for kind, p in order:
            if p is not None:
                return StartPoint(kind, *p)
        if here is not None:
            return StartPoint("here", here.lat, here.lng)
        return StartPoint("none")

    def week(self, week_start: dt.date | None = None, here: Fix | None = None) -> WeekPlan:
        """The week's plan: days with their stops in order, distance and time."""
        week_start = _monday(week_start or self.this_week())
        plan = self._plan(week_start)
        stops = self._stops(plan["id"]) if plan else []
        ids = sorted({s["customer_id"] for s in stops})
        customers = self._customers(ids)
        start = self.start_point(here)
        cfg = self.settings()
        days = []
        for d in planning.week_days(week_start, WEEK_DAYS):
            mine = [
                PlanStop(s, customers.get(s["customer_id"]))
                for s in stops
                if s["visit_date"] == d.isoformat()
            ]
            outlets = [outlet_of(p.customer, p.stop["customer_id"]) for p in mine]
            est = planning.estimate_day(outlets, cfg, day=d, start=start.latlng, optimize=False)
            days.append(DayPlan(d, mine, est))
        pending = plan is not None and (
            self.store.has_pending("visit_plans", plan["id"])
            or any(self.store.has_pending("visit_plan_stops", s["id"]) for s in stops)
        )
        return WeekPlan(week_start, plan, days, start, pending)

    def suggestions(
        self,
        week_start: dt.date,
        here: Fix | None = None,
        *,
        limit: int = 40,
        day: dt.date | None = None,
    ) -> list[PlanSuggestion]:
        """Outlets due by frequency, with open warnings, unvisited longest, or nearby; those
        already in the week's plan are left out. None for a holiday of the company calendar (a
        statutory holiday such as 国庆, or the company's own), nor in a week without a working
        day; make-up days (调休) get them, and so do ordinary weekends (a rep may plan one)."""
        week_start = _monday(week_start)
        cal = self.calendar()
        if day is not None and cal.day_kind(day) == workcal.DAY_HOLIDAY:
            return []
        plan = self._plan(week_start)
        planned = {s["customer_id"] for s in self._stops(plan["id"])} if plan else set()
        customers = [c for c in self._my_customers() if c["id"] not in planned]
        last = self._last_visits()
        warned = self._open_warnings()
        outlets = [
            outlet_of(c, c["id"], last.get(c["id"]), warned.get(c["id"], 0)) for c in customers
        ]
        picked = planning.suggest_visits(outlets, week_start, self.settings(), calendar=cal)
        by_id = {c["id"]: c for c in customers}
        out: dict[str, PlanSuggestion] = {}
        for s in picked:
            c = by_id[s.outlet.id]
            out[c["id"]] = PlanSuggestion(
                c, s.reasons, s.days_since_visit, _dist(here, c), s.due_on, s.days_overdue
            )
        if here is not None:
            near = sorted(
                (c for c in customers if _dist(here, c) is not None),
                key=lambda c: _dist(here, c) or 0.0,
            )[:NEARBY]
            for c in near:
                prev = out.get(c["id"])
                reasons = (prev.reasons if prev else ()) + ("nearby",)
                since = prev.days_since_visit if prev else _since(last.get(c["id"]), week_start)
                due = (prev.due_on, prev.days_overdue) if prev else (None, None)
                out[c["id"]] = PlanSuggestion(c, reasons, since, _dist(here, c), *due)
        return list(out.values())[:limit]

    def actual(self, weeks: int = 4) -> list[PlanActual]:
        """Plan versus actual of this rep for the last `weeks` weeks, newest first (online)."""
        this = self.this_week()
        rows: list[PlanActual] = []
        for k in range(weeks):
            week = this - dt.timedelta(days=7 * k)
            rows += actual_rows(
                self.rpc(
                    "plan_vs_actual", p_week_start=week.isoformat(), p_rep_id=self.user.user_id
                )
            )
        return rows

    # -- editing (local, offline) ------------------------------------------------------------

    def add(self, week_start: dt.date, day: dt.date, customer_id: str) -> dict[str, Any]:
        """Add an outlet at the end of a day (the week's draft is made when needed)."""
        week_start = _monday(week_start)
        if not week_start <= day < week_start + dt.timedelta(days=WEEK_DAYS):
            raise InvalidInput(f"{day} 不在该周内", f"{day} is not in the week of {week_start}")
        customer = customer_store.get(self.store, customer_id)
        if customer is None:
            raise InvalidInput("手机上没有这个网点", "this outlet is not on the phone")
        plan = self._plan(week_start) or self._new_plan(week_start)
        self._check_editable(plan)
        for s in self._stops(plan["id"]):
            if s["customer_id"] == customer_id:
                d = dt.date.fromisoformat(s["visit_date"])
                raise InvalidInput(
                    f"“{customer.get('name')}”已安排在 {fmt.day(d)}",
                    f"{customer.get('name')!r} is already planned on {d.isoformat()}",
                )
        row = {
            "id": self.store.new_id(),
            "plan_id": plan["id"],
            "customer_id": customer_id,
            "visit_date": day.isoformat(),
            "seq": self._next_seq(plan["id"]),
        }
        return self.store.write("visit_plan_stops", row)

    def remove(self, stop_id: str) -> None:
        """Take a stop out of its day (the rest keep their order)."""
        _, plan = self._stop_and_plan(stop_id)
        self._check_editable(plan)
        self.store.delete("visit_plan_stops", stop_id)

    def move(self, stop_id: str, delta: int) -> None:
        """Move a stop up (delta −1) or down (+1) in its day's order; at the edge nothing moves."""
        stop, plan = self._stop_and_plan(stop_id)
        self._check_editable(plan)
        day = dt.date.fromisoformat(stop["visit_date"])
        ids = [s["id"] for s in self._day_stops(plan["id"], day)]
        i = ids.index(stop_id)
        j = i + delta
        if delta not in (-1, 1) or not 0 <= j < len(ids):
            return
        ids[i], ids[j] = ids[j], ids[i]
        self._renumber(plan["id"], day, ids)

    def move_to_day(self, stop_id: str, day: dt.date) -> None:
        """Move a stop to the end of another day of the same week."""
        _, plan = self._stop_and_plan(stop_id)
        self._check_editable(plan)
        week_start = dt.date.fromisoformat(plan["week_start"])
        if not week_start <= day < week_start + dt.timedelta(days=WEEK_DAYS):
            raise InvalidInput(f"{day} 不在该周内", f"{day} is not in the week of {week_start}")
        self.store.write(
            "visit_plan_stops",
            {"id": stop_id, "visit_date": day.isoformat(), "seq": self._next_seq(plan["id"])},
        )

    def optimise(self, week_start: dt.date, day: dt.date, here: Fix | None = None) -> DayEstimate:
        """Put a day's stops in the shortest order from the start point; returns the estimate."""
        plan = self._plan(_monday(week_start))
        if plan is None:
            raise InvalidInput("这一周还没有计划", "there is no plan for this week yet")
        self._check_editable(plan)
        stops = self._day_stops(plan["id"], day)
        customers = self._customers([s["customer_id"] for s in stops])
        outlets = [outlet_of(customers.get(s["customer_id"]), s["id"]) for s in stops]
        start = self.start_point(here).latlng
        est = planning.estimate_day(outlets, self.settings(), day=day, start=start)
        if est.order != [s["id"] for s in stops]:
            self._renumber(plan["id"], day, est.order)
        return est

    # -- submission (online) -------------------------------------------------------------------

    def submit(self, plan_id: str, sync: Callable[[], Any]) -> dict[str, Any]:
        """Upload the draft (sync), then submit it for approval; offline → PlanNotSent."""
        plan = self._own(plan_id)
        self._check_editable(plan)
        if not self._stops(plan_id):
            raise InvalidInput("计划中没有拜访点，不能提交", "add stops before submitting the plan")
        self._sync(sync)
        if self.store.has_pending("visit_plans", plan_id) or any(
            self.store.has_pending("visit_plan_stops", s["id"]) for s in self._stops(plan_id)
        ):
            raise PlanNotSent(
                "计划还没有全部上传到服务器，已保存在手机上，请稍后再提交",
                "the plan has not fully reached the server; it is kept on the phone, submit later",
            )
        row = self._call("submit_visit_plan", plan_id)
        self._sync(sync, quiet=True)
        return row

    def withdraw(self, plan_id: str, sync: Callable[[], Any]) -> dict[str, Any]:
        """Withdraw a submitted plan before a decision (online)."""
        plan = self._own(plan_id)
        if plan.get("status") != SUBMITTED:
            raise PlanLocked(
                "只有待审批的计划可以撤回", "only a plan awaiting approval is withdrawn"
            )
        row = self._call("withdraw_visit_plan", plan_id)
        self._sync(sync, quiet=True)
        return row

    # -- helpers -------------------------------------------------------------------------------

    def _call(self, fn: str, plan_id: str) -> dict[str, Any]:
        try:
            row: dict[str, Any] = self.rpc(fn, p_plan_id=plan_id)
            return row
        except ConnectionLost as exc:
            raise _offline() from exc

    def _sync(self, sync: Callable[[], Any], *, quiet: bool = False) -> None:
        deadline = time.monotonic() + SYNC_WAIT_S
        while True:
            try:
                sync()
                return
            except SyncBusy:
                if time.monotonic() > deadline:
                    if quiet:
                        return
                    raise
                time.sleep(0.2)
            except SyncError as exc:
                if quiet:
                    return
                raise _offline() from exc

    def _plan(self, week_start: dt.date) -> Plan | None:
        rows = plan_store.of_rep_week(self.store, self.user.user_id, week_start.isoformat())
        rank = {APPROVED: 0, SUBMITTED: 1, DRAFT: 2}
        rows.sort(
            key=lambda p: (rank.get(p.get("status") or "", 9), p.get("created_at") or "", p["id"])
        )
        return rows[0] if rows else None

    def _new_plan(self, week_start: dt.date) -> dict[str, Any]:
        row = {
            "id": self.store.new_id(),
            "rep_id": self.user.user_id,
            "week_start": week_start.isoformat(),
            "status": DRAFT,
        }
        return self.store.write("visit_plans", row)

    def _own(self, plan_id: str) -> Plan:
        plan = plan_store.get(self.store, plan_id)
        if plan is None or plan.get("rep_id") != self.user.user_id:
            raise InvalidInput("找不到该拜访计划", "visit plan not found")
        return plan

    def _stop_and_plan(self, stop_id: str) -> tuple[Stop, Plan]:
        stop = plan_store.get_stop(self.store, stop_id)
        if stop is None:
            raise InvalidInput("找不到该拜访点", "plan stop not found")
        return stop, self._own(stop["plan_id"])

    @staticmethod
    def _check_editable(plan: Mapping[str, Any]) -> None:
        status = plan.get("status") or DRAFT
        if status not in EDITABLE:
            raise PlanLocked(
                f"计划{STATUS[status].zh}，不能修改拜访点（待审批的计划可先撤回）",
                f"the plan is {STATUS[status].en.lower()}: its stops cannot change"
                " (withdraw a plan awaiting approval first)",
            )

    def _stops(self, plan_id: str) -> list[Stop]:
        return plan_store.stops(self.store, plan_id)

    def _day_stops(self, plan_id: str, day: dt.date) -> list[Stop]:
        return plan_store.stops_of_day(self.store, plan_id, day.isoformat())

    def _next_seq(self, plan_id: str) -> int:
        """The first of fresh sequence numbers: above every seq of the plan on the phone (stops
        deleted here but not yet pushed included) and above the seconds since 2026, so that a
        pushed update does not collide under unique (plan, day, seq) with another stop or with a
        stop's tombstone, which keeps its seq on the server. (Left: a tombstone pulled back within
        a few seconds of a renumbering whose seqs ran ahead of the clock.)"""
        clock = int((self.now() - SEQ_EPOCH).total_seconds())
        return max(clock, plan_store.max_seq(self.store, plan_id) + 1)

    def _renumber(self, plan_id: str, day: dt.date, ids: list[str]) -> None:
        base = self._next_seq(plan_id)
        for i, stop_id in enumerate(ids):
            self.store.write("visit_plan_stops", {"id": stop_id, "seq": base + i})

    def _customers(self, ids: list[str]) -> dict[str, Customer]:
        return customer_store.by_ids(self.store, ids)

    def _my_customers(self) -> list[Customer]:
        return customer_store.workable(self.store)

    def _my_area(self) -> str | None:
        return customer_store.area_of_owner(self.store, self.user.user_id)

    def _last_visits(self) -> dict[str, dt.date]:
        out: dict[str, dt.date] = {}
        for v in visit_store.done(self.store):
            t = fmt.parse_time(v.get("checkin_at"))
            if t is not None:
                d = clock.day_of(t)
                if d > out.get(v["customer_id"], dt.date.min):
                    out[v["customer_id"]] = d
        return out

    def _open_warnings(self) -> dict[str, int]:
        return warning_store.open_counts(self.store)


def _offline() -> PlanNotSent:
    return PlanNotSent(
        "无法连接服务器。计划已保存在手机上，联网后再提交",
        "cannot reach the server; the plan is kept on the phone, submit it when online",
    )


def _monday(day: dt.date) -> dt.date:
    planning.week_days(day, 1)  # a clear error when it is not a Monday
    return day


def _dist(here: Fix | None, c: Customer) -> float | None:
    lat, lng = c.get("lat"), c.get("lng")
    if here is None or lat is None or lng is None:
        return None
    return haversine_m(here.lat, here.lng, lat, lng)


def _since(last: dt.date | None, week_start: dt.date) -> int | None:
    return None if last is None else (week_start - last).days
