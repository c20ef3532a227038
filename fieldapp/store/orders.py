"""Orders and their lines on the phone, and the product list they are taken from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, cast

from fieldapp.store.rows import marks, read
from fieldapp.store.store import Store


class Product(TypedDict, total=False):
    """A product of the price list (public.products), pulled from the server."""

    id: str
    sku: str
    name: str
    brand: str
    spec: str
    unit: str
    unit_price: float
    active: bool


class Order(TypedDict, total=False):
    """An order (public.orders) with the phone's pending edits."""

    id: str
    customer_id: str
    visit_id: str | None
    rep_id: str | None
    supplier_id: str | None  # set by the server at submission: the outlet's dealer
    ordered_on: str
    # draft → submitted (at the visit's check-out) → accepted | rejected; accepted → shipped →
    # received; draft | submitted → cancelled. Statuses move on the server only (order RPCs).
    status: str
    status_reason: str | None  # why quantities were lowered, or why rejected or cancelled
    shipped_on: str | None
    ship_to_name: str | None  # the outlet as at submission (a dealer's phone has no customers)
    ship_to_address: str | None
    ship_to_contact: str | None
    ship_to_phone: str | None
    submitted_at: str | None
    decided_at: str | None
    shipped_at: str | None
    received_at: str | None
    cancelled_at: str | None


class OrderLine(TypedDict, total=False):
    """One product of an order (public.order_lines)."""

    id: str
    order_id: str
    product_id: str
    quantity: float  # as ordered
    unit_price: float
    accepted_quantity: float | None  # what the dealer accepted (null until accepted)


def products(store: Store) -> list[Product]:
    """Every product on the phone (inactive ones too), by SKU."""
    return read(store, "products", "", [], order="sku")


def of_visit(store: Store, visit_id: str) -> Order | None:
    """The order taken on a visit, if any."""
    found = read(store, "orders", "visit_id = ?", [visit_id], limit=1)
    return cast(Order, found[0]) if found else None


def of_customer(store: Store, customer_id: str, limit: int) -> list[Order]:
    """A customer's latest orders."""
    return read(
        store, "orders", "customer_id = ?", [customer_id], order="ordered_on desc", limit=limit
    )


def lines(store: Store, order_id: str) -> list[OrderLine]:
    """The lines of an order."""
    return read(store, "order_lines", "order_id = ?", [order_id])


def with_status(store: Store, statuses: Sequence[str]) -> list[Order]:
    """The orders on the phone in these statuses, newest first (a dealer's phone holds only the
    orders addressed to it; a rep's, the rep's)."""
    return read(
        store,
        "orders",
        f"status in ({marks(len(statuses))})",
        list(statuses),
        order="ordered_on desc, id",
    )


def lines_of(store: Store, order_ids: Sequence[str]) -> dict[str, list[OrderLine]]:
    """The lines of several orders, by order."""
    out: dict[str, list[OrderLine]] = {i: [] for i in order_ids}
    if not order_ids:
        return out
    found: list[OrderLine] = read(
        store, "order_lines", f"order_id in ({marks(len(order_ids))})", list(order_ids)
    )
    for line in found:
        out.setdefault(line["order_id"], []).append(line)
    return out


def get(store: Store, order_id: str) -> Order | None:
    """One order, if on the phone."""
    found = read(store, "orders", "id = ?", [order_id], limit=1)
    return cast(Order, found[0]) if found else None
