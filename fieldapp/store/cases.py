"""After-sales cases on the phone: the cases, their lines and history (pulled; written by the
server only) and the requests that raise them (written here and pushed: the server opens the
case with the request's id, docs/cases.md)."""

from __future__ import annotations

from typing import Any, TypedDict

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Case(TypedDict, total=False):
    """An after-sales case (public.cases), as pulled."""

    id: str
    kind: str
    customer_id: str
    doc_no: str | None
    status: str
    severity: str
    title: str
    detail: str | None
    decision: str | None
    answer: str | None
    answered_at: str | None
    resolution: str | None
    due_at: str | None
    opened_at: str
    closed_at: str | None


class CaseLine(TypedDict, total=False):
    """A product line of a case (public.case_lines)."""

    id: str
    case_id: str
    product_id: str | None
    shipment_id: str | None
    quantity: float


class Request(TypedDict, total=False):
    """A request that raises a case (public.case_requests): the case gets the request's id."""

    id: str
    customer_id: str
    kind: str
    severity: str
    doc_no: str | None
    lines: list[dict[str, Any]]  # {shipment_id, quantity} or {product_id, quantity}
    reason: str
    photo_ids: list[str]
    requested_at: str


def cases(store: Store) -> list[Case]:
    """Every case on this phone."""
    found: list[Case] = read(store, "cases", "", [])
    return found


def case(store: Store, case_id: str) -> Case | None:
    """One case, or None."""
    found: Case | None = store.get("cases", case_id)  # type: ignore[assignment]
    return found


def lines(store: Store, case_id: str | None = None) -> list[CaseLine]:
    """The lines of one case (every case's lines when case_id is None)."""
    if case_id is None:
        found: list[CaseLine] = read(store, "case_lines", "", [])
    else:
        found = read(store, "case_lines", "case_id = ?", [case_id])
    return found


def events(store: Store, case_id: str) -> list[dict[str, Any]]:
    """A case's history as the phone has it, oldest first."""
    found: list[dict[str, Any]] = read(store, "case_events", "case_id = ?", [case_id])
    return sorted(found, key=lambda e: (e.get("at") or "", e.get("id") or ""))


def requests(store: Store) -> list[Request]:
    """The requests raised on this phone (pushed or waiting to be)."""
    found: list[Request] = read(store, "case_requests", "", [])
    return found


def save_request(store: Store, row: Request) -> None:
    """Queue a request for the server (it checks it and opens the case there)."""
    store.write("case_requests", dict(row))
