"""Warnings on the phone (pulled from the server, never written here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from fieldapp.store.rows import marks, read
from fieldapp.store.store import Store

_OPEN = "status <> 'resolved'"


class Warning(TypedDict, total=False):
    """A warning row as pulled (public.warnings)."""

    id: str
    customer_id: str
    kind: str
    severity: str | None
    status: str  # open | acknowledged | resolved
    owner_id: str | None
    figures: dict[str, Any]
    raised_at: str
    resolved_at: str | None
    due_on: str | None  # the company day it is due (the server's private.warning_due_on)


def of_customer(store: Store, customer_id: str) -> list[Warning]:
    """Every warning of a customer on the phone, resolved ones included."""
    return read(store, "warnings", "customer_id = ?", [customer_id])


def open_all(store: Store) -> list[Warning]:
    """Every open (not resolved) warning on the phone: the rep's customers' ones."""
    return read(store, "warnings", _OPEN)


def open_counts(store: Store, customer_ids: Sequence[str] | None = None) -> dict[str, int]:
    """Open (not resolved) warnings per customer: of these customers, or of all."""
    if customer_ids is not None and not customer_ids:
        return {}
    sql = f"select customer_id, count(*) from warnings where deleted = 0 and {_OPEN}"
    params: list[str] = []
    if customer_ids is not None:
        sql += f" and customer_id in ({marks(len(customer_ids))})"
        params = list(customer_ids)
    with store.reading() as c:
        found: list[tuple[str, int]] = c.execute(sql + " group by customer_id", params).fetchall()
    return dict(found)


def open_kinds(store: Store) -> list[tuple[str, str, str | None]]:
    """(customer id, kind, severity) of every open warning."""
    with store.reading() as c:
        found: list[tuple[str, str, str | None]] = c.execute(
            f"select customer_id, kind, severity from warnings where deleted = 0 and {_OPEN}"
        ).fetchall()
    return found


def overdue_customers(store: Store, today: str) -> set[str]:
    """Customers with an overdue warning as of the company day `today` (ISO): unresolved and
    today is after the due day the server set on it (private.warning_overdue's rule)."""
    with store.reading() as c:
        found = c.execute(
            f"select distinct customer_id from warnings where deleted = 0 and {_OPEN}"
            " and json_extract(data, '$.due_on') < ?",
            [today],
        ).fetchall()
    return {str(cid) for (cid,) in found}
