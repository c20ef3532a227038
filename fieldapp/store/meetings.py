"""Meetings (业务座谈会) on the phone: the meetings its user may see, who attended and the decisions
(pulled); a decision marked done here and customer feedback recorded here are pushed
(supabase/migrations/20261212100000_meetings.sql)."""

from __future__ import annotations

from typing import TypedDict

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Meeting(TypedDict, total=False):
    """A business meeting (public.meetings)."""

    id: str
    area_id: str
    kind: str  # quarterly, half_year, annual, ad_hoc
    held_on: str
    place: str | None
    agenda: str
    minutes: str | None


class Attendee(TypedDict, total=False):
    """Who attended: a customer or a staff member (public.meeting_attendees)."""

    id: str
    meeting_id: str
    customer_id: str | None
    profile_id: str | None
    deleted_at: str | None


class Decision(TypedDict, total=False):
    """A decision of a meeting (public.meeting_decisions): an owner, a due date, open → done."""

    id: str
    meeting_id: str
    body: str
    owner_id: str
    due_on: str
    status: str
    done_at: str | None
    done_note: str | None


class Feedback(TypedDict, total=False):
    """Customer feedback (public.customer_feedback): a score 1–5 and a text."""

    id: str
    customer_id: str
    score: int
    body: str | None
    visit_id: str | None
    meeting_id: str | None
    recorded_on: str
    recorded_by: str


def meeting(store: Store, meeting_id: str) -> Meeting | None:
    """One meeting, or None."""
    found: Meeting | None = store.get("meetings", meeting_id)  # type: ignore[assignment]
    return found


def customers_of(store: Store, meeting_id: str) -> list[str]:
    """The ids of the customers who attended a meeting."""
    found: list[Attendee] = read(
        store, "meeting_attendees", "meeting_id = ? and customer_id is not null", [meeting_id]
    )
    return [c for a in found if (c := a.get("customer_id"))]


def open_decisions_of(store: Store, owner_id: str) -> list[Decision]:
    """The open decisions an owner has on this phone, earliest due first."""
    found: list[Decision] = read(
        store, "meeting_decisions", "owner_id = ? and status = 'open'", [owner_id]
    )
    return sorted(found, key=lambda d: (d.get("due_on") or "", d.get("id") or ""))


def decision(store: Store, decision_id: str) -> Decision | None:
    """One decision, or None."""
    found: Decision | None = store.get("meeting_decisions", decision_id)  # type: ignore[assignment]
    return found


def mark_done(store: Store, decision_id: str, note: str | None) -> None:
    """Queue "done" for the server: the status and the note only (it sets who and when)."""
    store.write("meeting_decisions", {"id": decision_id, "status": "done", "done_note": note})


def feedback_of(store: Store, customer_id: str) -> list[Feedback]:
    """A customer's feedback on this phone."""
    found: list[Feedback] = read(store, "customer_feedback", "customer_id = ?", [customer_id])
    return found


def save_feedback(store: Store, row: Feedback) -> None:
    """Queue a feedback record for the server."""
    store.write("customer_feedback", dict(row))


def areas(store: Store) -> list[dict[str, str]]:
    """The areas on this phone (id, name, parent_id)."""
    found: list[dict[str, str]] = read(store, "areas", "", [], order="name")
    return found


def live_dealers(store: Store) -> list[dict[str, str]]:
    """The dealers (tier 1) on this phone that are not eliminated, by code (id, name, area_id …):
    who is invited to a business meeting (经销商座谈会)."""
    found: list[dict[str, str]] = read(
        store, "customers", "tier = 1 and coalesce(status, '') <> 'eliminated'", [], order="code"
    )
    return found


def attended_by(store: Store, customer_id: str) -> list[Meeting]:
    """The meetings on this phone that a customer attended, newest first."""
    rows: list[Attendee] = read(store, "meeting_attendees", "customer_id = ?", [customer_id])
    ids = {i for a in rows if (i := a.get("meeting_id"))}
    found: list[Meeting] = [m for i in ids if (m := meeting(store, i)) is not None]
    return sorted(found, key=lambda m: (m.get("held_on") or "", m.get("id") or ""), reverse=True)


def decisions_of(store: Store, meeting_id: str) -> list[Decision]:
    """A meeting's decisions on this phone, earliest due first."""
    found: list[Decision] = read(store, "meeting_decisions", "meeting_id = ?", [meeting_id])
    return sorted(found, key=lambda d: (d.get("due_on") or "", d.get("id") or ""))
