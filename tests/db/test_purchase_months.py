"""Purchases by product over whole months come from private.purchase_months, and equal the sums
over the shipment lines (what any other range still reads) on a random history of two products."""

from __future__ import annotations

import datetime as dt
import random

import psycopg

from tests.db.warnings_world import World

LINES = """
select s.customer_id, s.product_id, count(*)::int, sum(s.quantity), sum(s.amount)
  from public.shipments s
 where s.deleted_at is null and s.shipped_on between %(from)s and %(to)s
 group by 1, 2 order by 1, 2
"""


def _month_end(d: dt.date) -> dt.date:
    first_next = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def test_whole_months_by_product_read_the_summary_and_equal_the_lines(
    conn: psycopg.Connection,
) -> None:
    rnd = random.Random(5)
    w = World().customer("A").customer("B").customer("S", tier=2, parent="A")
    w.rows["products"].append(
        {"sku": "P2", "name": "绿茶", "brand": "清泉", "spec": "500ml×15", "unit_price": 2}
    )
    start = dt.date(2025, 1, 1)
    for n in range(120):
        on = start + dt.timedelta(days=rnd.randint(0, 540))
        price, qty = rnd.choice([0, 12.5, 300]), rnd.randint(1, 9)
        buyer = rnd.choice("ABS")
        w.ship(buyer, on, price * qty, seller="A" if buyer == "S" and n % 2 else None)
        w.rows["shipments"][-1].update(sku=rnd.choice(["P1", "P2"]), quantity=qty, unit_price=price)
    w.load(conn)
    conn.execute(
        "update public.shipments set deleted_at = now() where unit_price = 12.5 and quantity = 3"
    )
    ranges = [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    ]
    for _ in range(8):
        a = dt.date(2025, rnd.randint(1, 12), 1)
        ranges.append((a, _month_end(a + dt.timedelta(days=rnd.randint(0, 400)))))
    for p_from, p_to in ranges:
        got = conn.execute(
            "select * from private.purchases(%s, %s, null, true) order by 1, 2", (p_from, p_to)
        ).fetchall()
        assert got == conn.execute(LINES, {"from": p_from, "to": p_to}).fetchall(), (p_from, p_to)
    # a range that is not whole months reads the lines, and says the same
    part = conn.execute(
        "select * from private.purchases('2025-03-15', '2025-06-30', null, true) order by 1, 2"
    ).fetchall()
    assert part == conn.execute(LINES, {"from": "2025-03-15", "to": "2025-06-30"}).fetchall()
    assert part  # the history has lines there
