"""Support activities (辅导支援) on the phone: pulled for the customers the user sees, and written
here when a rep records support done during a visit (pushed; the server's rules apply the same as
to its RPCs: supabase/migrations/20261212000000_support_activities.sql)."""

from __future__ import annotations

from typing import TypedDict

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Support(TypedDict, total=False):
    """A support activity (public.support_activities) with the phone's pending edits."""

    id: str
    customer_id: str
    visit_id: str | None
    kind: str
    title: str
    status: str  # planned | done | evaluated | cancelled
    planned_on: str | None
    done_on: str | None
    cost: float
    materials: str | None
    outcome: str | None
    score: int | None
    owner_id: str | None


def _day(row: Support) -> str:
    return str(row.get("done_on") or row.get("planned_on") or "")


def of_customer(store: Store, customer_id: str) -> list[Support]:
    """The customer's support history on this phone, newest first."""
    found: list[Support] = read(store, "support_activities", "customer_id = ?", [customer_id])
    return sorted(found, key=_day, reverse=True)


def of_visit(store: Store, visit_id: str) -> list[Support]:
    """Support recorded at this visit."""
    found: list[Support] = read(store, "support_activities", "visit_id = ?", [visit_id])
    return found
