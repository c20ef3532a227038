"""Weekly visit plans and their stops on the phone."""

from __future__ import annotations

from typing import TypedDict, cast

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Plan(TypedDict, total=False):
    """A rep's visit plan for a week (public.visit_plans)."""

    id: str
    rep_id: str
    week_start: str  # the Monday, ISO date
    status: str  # draft | submitted | approved | rejected | withdrawn
    submitted_at: str | None
    decided_by: str | None
    decided_at: str | None
    decision_comment: str | None
    created_at: str


class Stop(TypedDict, total=False):
    """One outlet to visit on a day of a plan (public.visit_plan_stops)."""

    id: str
    plan_id: str
    customer_id: str
    visit_date: str
    seq: int


def get(store: Store, plan_id: str) -> Plan | None:
    """One plan, or None."""
    return cast(Plan | None, store.get("visit_plans", plan_id))


def get_stop(store: Store, stop_id: str) -> Stop | None:
    """One stop, or None."""
    return cast(Stop | None, store.get("visit_plan_stops", stop_id))


def of_rep_week(store: Store, rep_id: str, week_start: str) -> list[Plan]:
    """A rep's plans of a week (any status)."""
    return read(store, "visit_plans", "rep_id = ? and week_start = ?", [rep_id, week_start])


def approved_of_rep_week(store: Store, rep_id: str, week_start: str) -> list[Plan]:
    """A rep's approved plans of a week."""
    return read(
        store,
        "visit_plans",
        "rep_id = ? and week_start = ? and status = 'approved'",
        [rep_id, week_start],
    )


def submitted_by_others(store: Store, user_id: str) -> list[Plan]:
    """Plans awaiting a decision that are not this user's, oldest week first."""
    return read(
        store,
        "visit_plans",
        "status = 'submitted' and rep_id <> ?",
        [user_id],
        order="week_start, id",
    )


def decided_of_others(store: Store, user_id: str) -> list[Plan]:
    """Approved or rejected plans that are not this user's."""
    return read(
        store, "visit_plans", "status in ('approved', 'rejected') and rep_id <> ?", [user_id]
    )


def stops(store: Store, plan_id: str) -> list[Stop]:
    """A plan's stops by day and visiting order."""
    return read(store, "visit_plan_stops", "plan_id = ?", [plan_id], order="visit_date, seq, id")


def stops_of_day(store: Store, plan_id: str, day: str) -> list[Stop]:
    """A plan's stops of one day in visiting order."""
    return read(
        store,
        "visit_plan_stops",
        "plan_id = ? and visit_date = ?",
        [plan_id, day],
        order="seq, id",
    )


def max_seq(store: Store, plan_id: str) -> int:
    """The highest seq of a plan's stops on the phone, those deleted here but not yet pushed
    included (0 when none)."""
    with store.reading() as c:
        row = c.execute(
            "select max(seq) from visit_plan_stops where plan_id = ?", (plan_id,)
        ).fetchone()
    return int(row[0] or 0)
