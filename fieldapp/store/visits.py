"""A visit on the phone: check in, count stock, take an order, check out — all queued offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldapp.domain import clock
from fieldapp.store.store import Store


def _now() -> str:
    return clock.system_now().isoformat(timespec="seconds")


def check_in(
    store: Store,
    *,
    rep_id: str,
    customer_id: str,
    lat: float | None = None,
    lng: float | None = None,
    accuracy_m: float | None = None,
    plan_stop_id: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Start a visit at a customer (status in_progress); returns the visit row."""
    row: dict[str, Any] = {
        "id": store.new_id(),
        "rep_id": rep_id,
        "customer_id": customer_id,
        "status": "in_progress",
        "checkin_at": at or _now(),
    }
    if lat is not None and lng is not None:
        row |= {"checkin_lat": lat, "checkin_lng": lng, "checkin_accuracy_m": accuracy_m}
    if plan_stop_id:
        row["plan_stop_id"] = plan_stop_id
    return store.write("visits", row)


def count_stock(
    store: Store, visit: dict[str, Any], product_id: str, quantity: float
) -> dict[str, Any]:
    """Record the stock of one product seen during a visit."""
    return store.write(
        "stock_counts",
        {
            "id": store.new_id(),
            "visit_id": visit["id"],
            "customer_id": visit["customer_id"],
            "product_id": product_id,
            "quantity": quantity,
            "counted_at": _now(),
        },
    )


def take_order(
    store: Store, visit: dict[str, Any], lines: list[tuple[str, float, float]]
) -> dict[str, Any]:
    """A draft order with lines (product id, quantity, unit price) taken during a visit."""
    order = store.write(
        "orders",
        {
            "id": store.new_id(),
            "customer_id": visit["customer_id"],
            "visit_id": visit["id"],
            "rep_id": visit["rep_id"],
            "ordered_on": clock.today(dt.datetime.fromisoformat(_now())).isoformat(),
            "status": "draft",
        },
    )
    for product_id, quantity, unit_price in lines:
        store.write(
            "order_lines",
            {
                "id": store.new_id(),
                "order_id": order["id"],
                "product_id": product_id,
                "quantity": quantity,
                "unit_price": unit_price,
            },
        )
    return order


def check_out(
    store: Store, visit_id: str, *, notes: str | None = None, at: str | None = None
) -> dict[str, Any]:
    """Finish a visit (status done, checkout time, notes)."""
    row: dict[str, Any] = {"id": visit_id, "status": "done", "checkout_at": at or _now()}
    if notes is not None:
        row["notes"] = notes
    return store.write("visits", row)


def of_customer(store: Store, customer_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """The latest visits to a customer."""
    return store.query(
        "visits", "customer_id = ?", [customer_id], order="checkin_at desc", limit=limit
    )


def stock_of_visit(store: Store, visit_id: str) -> list[dict[str, Any]]:
    """The stock counts of a visit."""
    return store.query("stock_counts", "visit_id = ?", [visit_id], order="counted_at")


def lines_of_order(store: Store, order_id: str) -> list[dict[str, Any]]:
    """The lines of an order."""
    return store.query("order_lines", "order_id = ?", [order_id])
