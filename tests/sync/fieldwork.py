"""Field work queued straight into a phone's store, the way the sync tests and benchmarks need it.

These write rows as a phone would have them (no position check, no rules): the app's own visit
flow, with its checks, is VisitService (fieldapp/services/visits.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldapp.domain import clock
from fieldapp.store import Store
from fieldapp.store.rows import select


def _now() -> str:
    return clock.system_now().isoformat(timespec="seconds")


def rows(store: Store, table: str) -> list[dict[str, Any]]:
    """Every row of a table the phone shows (not deleted locally)."""
    with store.reading() as c:
        return select(c, table)


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
    """A visit in progress at a customer; returns the visit row."""
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
    """The stock of one product seen during a visit."""
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
    """A visit finished (status done, checkout time, notes)."""
    row: dict[str, Any] = {"id": visit_id, "status": "done", "checkout_at": at or _now()}
    if notes is not None:
        row["notes"] = notes
    return store.write("visits", row)
