"""The dealer side of the demo (issue 16): what a dealer's app shows on a fresh machine —
deliveries waiting for confirmation, outlet orders in every state, after-sales cases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

# deliveries shipped in the last week wait for the demo dealers' confirmation (some overdue);
# older demo shipments are history from before the app (setting delivery.confirm_from)
CONFIRM_WINDOW_DAYS = 7
# each demo dealer's first outlets (by code) have an order in these states, in this order
ORDER_STATES = ("submitted", "submitted", "accepted", "shipped", "rejected", "received")


def seed_dealer_demo(conn: psycopg.Connection, today: dt.date) -> None:
    """Start the confirmation of deliveries a week before today; give every demo dealer orders
    from its outlets in every state."""
    start = today - dt.timedelta(days=CONFIRM_WINDOW_DAYS)
    conn.execute(
        "update public.settings set value = to_jsonb(%s::text) where key = 'delivery.confirm_from'",
        (start.isoformat(),),
    )
    seed_orders(conn, today)


@contextmanager
def acting_as(conn: psycopg.Connection, user_id: str) -> Iterator[psycopg.Cursor]:
    """One transaction as a signed-in user (the role and JWT claims PostgREST would set), so the
    demo takes the same paths, with the same checks, as the app."""
    claims = json.dumps({"sub": str(user_id), "role": "authenticated", "aud": "authenticated"})
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("select set_config('role', 'authenticated', true)")
        cur.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        yield cur


def seed_orders(conn: psycopg.Connection, today: dt.date) -> int:
    """Orders submitted by the outlets' reps to their dealer (as a visit's check-out submits
    them), then accepted, shipped, rejected or received through the dealer's and the rep's own
    functions. Returns how many orders were written."""
    rows = conn.execute(
        """
        with supplied as (
          select o.id, o.code, o.owner_id, private.order_supplier(o.id) as supplier_id
            from public.customers o where o.tier > 1 and o.deleted_at is null)
        select s.id, s.owner_id, s.supplier_id, p.id as dealer_user,
               row_number() over (partition by s.supplier_id order by s.code) as n
          from supplied s
          join public.profiles p on p.customer_id = s.supplier_id and p.role = 'dealer' and p.active
          join public.profiles r on r.id = s.owner_id and r.role = 'rep' and r.active
        """
    ).fetchall()
    products = [
        r[0]
        for r in conn.execute(
            "select id from public.products where active and deleted_at is null order by sku"
        ).fetchall()
    ]
    written = 0
    for outlet, rep, supplier, dealer_user, n in rows:
        if n > len(ORDER_STATES) or not products:
            continue
        state = ORDER_STATES[n - 1]
        order = _submitted_order(conn, outlet, rep, supplier, today - dt.timedelta(days=n), n,
                                 products)  # fmt: skip
        _advance(conn, order, state, dealer_user, rep, today)
        written += 1
    return written


def _submitted_order(
    conn: psycopg.Connection,
    outlet: Any,
    rep: Any,
    supplier: Any,
    day: dt.date,
    n: int,
    products: list[Any],
) -> Any:
    """An order as the check-out of the rep's visit leaves it: submitted to the dealer, with
    where it goes (written on the service side, as the check-out trigger writes it)."""
    order = conn.execute(
        """
        insert into public.orders (customer_id, supplier_id, rep_id, ordered_on, status,
                                   submitted_at, ship_to_name, ship_to_address, ship_to_contact,
                                   ship_to_phone)
        select c.id, %s, %s, %s, 'submitted', %s::date + time '10:30' at time zone 'Asia/Shanghai',
               c.name, c.address, c.contact_name, c.phone
          from public.customers c where c.id = %s
        returning id
        """,
        (supplier, rep, day, day, outlet),
    ).fetchone()[0]
    for k in range(2):
        product = products[(n * 3 + k * 7) % len(products)]
        conn.execute(
            "insert into public.order_lines (order_id, product_id, quantity, unit_price)"
            " select %s, p.id, %s, p.unit_price from public.products p where p.id = %s",
            (order, 2 + (n + k) % 5, product),
        )
    return order


def _advance(
    conn: psycopg.Connection, order: Any, state: str, dealer: Any, rep: Any, today: dt.date
) -> None:
    """Move a submitted order to state through the dealer's (and the rep's) functions."""
    if state == "submitted":
        return
    with acting_as(conn, dealer) as cur:
        if state == "rejected":
            cur.execute("select public.reject_order(%s, %s)", (order, "库存不足，下周到货后再订"))
            return
        cur.execute("select public.accept_order(%s)", (order,))
        if state in ("shipped", "received"):
            cur.execute("select public.ship_order(%s, %s)", (order, today - dt.timedelta(days=1)))
    if state == "received":
        with acting_as(conn, rep) as cur:
            cur.execute("select public.receive_order(%s)", (order,))
