"""Visits on the phone and what a rep records during one: stock counts, incidents, complaints,
photos. (The app writes them through VisitService; this module reads them.)"""

from __future__ import annotations

from typing import TypedDict, cast

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Visit(TypedDict, total=False):
    """A visit row (public.visits) with the phone's pending edits."""

    id: str
    rep_id: str
    customer_id: str
    plan_stop_id: str | None
    status: str  # in_progress | done | cancelled
    checkin_at: str
    checkout_at: str | None
    checkin_lat: float | None
    checkin_lng: float | None
    checkin_accuracy_m: float | None
    checkin_distance_m: float | None
    offsite: bool
    offsite_reason: str | None
    competitor_notes: str | None
    feedback: str | None
    notes: str | None
    empty_reason: str | None  # closed | owner_absent | refused | other: checked out with nothing
    empty_note: str | None  # recorded (已拜访·无记录), and why; other needs the note
    version: int


class StockCount(TypedDict, total=False):
    """Stock of one product counted at a customer (public.stock_counts)."""

    id: str
    visit_id: str | None
    customer_id: str
    product_id: str
    quantity: float
    counted_at: str


class Incident(TypedDict, total=False):
    """An incident reported at a customer (public.incidents)."""

    id: str
    customer_id: str
    visit_id: str | None
    reported_by: str | None
    occurred_on: str
    kind: str
    description: str


class Complaint(TypedDict, total=False):
    """A customer's complaint (public.complaints)."""

    id: str
    customer_id: str
    raised_by: str | None
    raised_on: str
    category: str
    detail: str
    status: str


class Photo(TypedDict, total=False):
    """A photo's row (public.photos); its file lives in the photos folder."""

    id: str
    customer_id: str
    visit_id: str | None
    kind: str
    storage_path: str
    taken_at: str
    taken_by: str | None


def get(store: Store, visit_id: str) -> Visit | None:
    """One visit, or None."""
    return cast(Visit | None, store.get("visits", visit_id))


def in_progress(store: Store, rep_id: str) -> Visit | None:
    """The rep's latest visit in progress, if any."""
    found = read(
        store,
        "visits",
        "rep_id = ? and status = 'in_progress'",
        [rep_id],
        order="checkin_at desc",
        limit=1,
    )
    return cast(Visit, found[0]) if found else None


def of_rep_between(store: Store, rep_id: str, start: str, end: str) -> list[Visit]:
    """The rep's visits checked in from start (inclusive) to end (exclusive), latest first."""
    return read(
        store,
        "visits",
        "rep_id = ? and checkin_at >= ? and checkin_at < ?",
        [rep_id, start, end],
        order="checkin_at desc",
    )


def done(store: Store) -> list[Visit]:
    """Every finished visit on the phone."""
    return read(store, "visits", "status = 'done'", [])


def of_customer(store: Store, customer_id: str, limit: int) -> list[Visit]:
    """A customer's latest visits."""
    return read(
        store, "visits", "customer_id = ?", [customer_id], order="checkin_at desc", limit=limit
    )


def stock_of_visit(store: Store, visit_id: str) -> list[StockCount]:
    """The stock counts of a visit."""
    return read(store, "stock_counts", "visit_id = ?", [visit_id])


def stock_before(store: Store, customer_id: str, visit_id: str) -> list[StockCount]:
    """A customer's stock counts not of this visit, latest first."""
    return read(
        store,
        "stock_counts",
        "customer_id = ? and (visit_id is null or visit_id <> ?)",
        [customer_id, visit_id],
        order="counted_at desc",
    )


def stock_of_customer(store: Store, customer_id: str, limit: int) -> list[StockCount]:
    """A customer's latest stock counts."""
    return read(
        store,
        "stock_counts",
        "customer_id = ?",
        [customer_id],
        order="counted_at desc",
        limit=limit,
    )


def incidents_of_visit(store: Store, visit_id: str) -> list[Incident]:
    """Incidents reported on a visit."""
    return read(store, "incidents", "visit_id = ?", [visit_id])


def incident_on(store: Store, customer_id: str, day: str, kind: str) -> Incident | None:
    """The incident of this kind at a customer on a day (one at most: a server rule)."""
    found = read(
        store,
        "incidents",
        "customer_id = ? and occurred_on = ? and json_extract(data, '$.kind') = ?",
        [customer_id, day, kind],
        limit=1,
    )
    return cast(Incident, found[0]) if found else None


def complaints_on(store: Store, customer_id: str, day: str) -> list[Complaint]:
    """Complaints raised at a customer on a day."""
    return read(store, "complaints", "customer_id = ? and raised_on = ?", [customer_id, day])


def photos_of_visit(store: Store, visit_id: str) -> list[Photo]:
    """Photos taken on a visit, in the order taken."""
    return read(store, "photos", "visit_id = ?", [visit_id], order="taken_at")


def photos_of_customer(store: Store, customer_id: str) -> list[Photo]:
    """Photos of a customer."""
    return read(store, "photos", "customer_id = ?", [customer_id])


# What a visit can hold, by table (rows with the visit's id): a visit without any of them, without
# a complaint raised at the outlet that day and without a note is "visited, nothing recorded".
# A feature that records something new at a visit adds its table here.
VISIT_RECORDS: tuple[str, ...] = (
    "stock_counts",
    "orders",
    "photos",
    "incidents",
    "support_activities",
    "customer_feedback",
    "display_answers",
    "competitor_reports",
)


def has_records(store: Store, visit: Visit, day: str) -> bool:
    """True when anything was recorded at the visit (VISIT_RECORDS, a complaint, a note)."""
    texts = (visit.get("notes"), visit.get("feedback"), visit.get("competitor_notes"))
    if any((t or "").strip() for t in texts):
        return True
    for table in VISIT_RECORDS:
        if read(store, table, "visit_id = ?", [visit["id"]], limit=1):
            return True
    raised = read(
        store,
        "complaints",
        "customer_id = ? and raised_on = ?",
        [visit["customer_id"], day],
    )
    return any(c.get("raised_by") == visit.get("rep_id") for c in raised)
