"""A dealer's deliveries on the phone: the manufacturer's shipment lines (pulled), the dealer's
confirmations (written here and pushed) and the after-sales cases they opened (pulled)."""

from __future__ import annotations

from typing import Any, TypedDict

from fieldapp.store.cases import Case
from fieldapp.store.rows import read
from fieldapp.store.store import Store


class ShipmentLine(TypedDict, total=False):
    """One line of a delivery (public.shipments)."""

    id: str
    doc_no: str
    line_no: int
    customer_id: str
    seller_id: str | None  # null: from the manufacturer
    product_id: str
    shipped_on: str
    quantity: float
    unit_price: float
    amount: float
    confirmed_at: str | None
    received_quantity: float | None
    damaged_quantity: float | None
    missing_quantity: float | None


class Confirmation(TypedDict, total=False):
    """A dealer's confirmation of a whole delivery (public.delivery_confirmations)."""

    id: str
    doc_no: str
    customer_id: str
    lines: list[dict[str, Any]]  # {shipment_id, received, damaged, missing}
    note: str | None
    photo_id: str | None
    confirmed_at: str


def manufacturer_lines(store: Store) -> list[ShipmentLine]:
    """Every delivery line from the manufacturer on this phone."""
    found: list[ShipmentLine] = read(store, "shipments", "", [])
    return [s for s in found if not s.get("seller_id")]


def lines_of(store: Store, doc_no: str) -> list[ShipmentLine]:
    """The lines of one delivery, by line number."""
    found: list[ShipmentLine] = read(store, "shipments", "doc_no = ?", [doc_no])
    return sorted(found, key=lambda s: int(s.get("line_no") or 0))


def confirmations(store: Store) -> dict[str, Confirmation]:
    """The confirmations on this phone (pushed or waiting to be), by delivery."""
    found: list[Confirmation] = read(store, "delivery_confirmations", "", [])
    return {c["doc_no"]: c for c in found}


def discrepancy_cases(store: Store) -> dict[str, Case]:
    """The newest discrepancy case of each delivery, by delivery."""
    found: list[Case] = read(store, "cases", "kind = ?", ["delivery_discrepancy"])
    newest: dict[str, Case] = {}
    for c in sorted(found, key=lambda c: c.get("opened_at") or ""):
        if c.get("doc_no"):
            newest[str(c["doc_no"])] = c
    return newest


def save_confirmation(store: Store, row: Confirmation) -> None:
    """Queue a confirmation for the server (it applies it and opens the case there)."""
    store.write("delivery_confirmations", dict(row))
