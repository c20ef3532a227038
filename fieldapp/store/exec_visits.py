"""Executive visits (高层拜访) on the phone: pulled from the server (written there by the
exec_visit_* RPCs only), read by the map's layer, the customer card and the list of plans."""

from __future__ import annotations

from typing import TypedDict

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class ExecVisit(TypedDict, total=False):
    """An executive visit (public.executive_visits), as pulled."""

    id: str
    customer_id: str
    executive_id: str
    planned_on: str
    purpose: str
    status: str  # planned, done, cancelled
    done_on: str | None
    outcome: str | None
    cancel_reason: str | None
    created_by: str


def of_customer(store: Store, customer_id: str) -> list[ExecVisit]:
    """One customer's executive visits, newest plan first."""
    found: list[ExecVisit] = read(
        store, "executive_visits", "customer_id = ?", [customer_id], order="planned_on desc"
    )
    return found


def since(store: Store, first_day: str, statuses: tuple[str, ...]) -> list[ExecVisit]:
    """Executive visits planned on or after first_day (ISO) in the given statuses, by day."""
    marks = ", ".join("?" for _ in statuses)
    found: list[ExecVisit] = read(
        store,
        "executive_visits",
        f"planned_on >= ? and status in ({marks})",
        [first_day, *statuses],
        order="planned_on, id",
    )
    return found
