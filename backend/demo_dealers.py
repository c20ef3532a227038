"""The dealer side of the demo (issue 16): what a dealer's app shows on a fresh machine —
deliveries waiting for confirmation, outlet orders in every state, after-sales cases."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from backend.demo_exec import seed_exec_demo
from backend.risk import evaluate as evaluate_warnings

# deliveries shipped in the last week wait for the demo dealers' confirmation (some overdue);
# older demo shipments are history from before the app (setting delivery.confirm_from)
CONFIRM_WINDOW_DAYS = 7
# each demo dealer's first outlets (by code) have an order in these states, in this order
ORDER_STATES = ("submitted", "submitted", "accepted", "shipped", "rejected", "received")


def seed_dealer_demo(conn: psycopg.Connection, today: dt.date, *, evaluate: bool = True) -> None:
    """Start the confirmation of deliveries a week before today; give every demo dealer orders
    from its outlets in every state and after-sales cases of every kind and status; then
    evaluate the warnings of the customers with orders or cases (evaluate=False: the caller
    evaluates every customer next)."""
    start = today - dt.timedelta(days=CONFIRM_WINDOW_DAYS)
    # a few hundred small transactions (each step as its user, as the app takes it): waiting for
    # each one's WAL flush was much of the seeding's time, so don't (a server crash meanwhile
    # loses at most the last moments of demo data, as stopping the demo there would); and each
    # shipped order, credited return and answered complaint re-evaluated its customer's warnings
    # at once: defer that, and evaluate the customers with orders or cases once, at the end
    conn.execute("set synchronous_commit = off")
    conn.execute("set fieldsales.defer_warnings = on")
    try:
        conn.execute(
            "update public.settings set value = to_jsonb(%s::text)"
            " where key = 'delivery.confirm_from'",
            (start.isoformat(),),
        )
        seed_orders(conn, today)
        seed_cases(conn, today)
        seed_exec_demo(conn, today)  # executive visits and distribution targets (demo_exec.py)
    finally:
        conn.execute("reset fieldsales.defer_warnings")
        conn.execute("reset synchronous_commit")
    if evaluate:
        touched = conn.execute(
            "select customer_id from public.orders union select customer_id from public.cases"
        ).fetchall()
        evaluate_warnings(conn, today, [r[0] for r in touched])


@contextmanager
def acting_as(conn: psycopg.Connection, user_id: str) -> Iterator[psycopg.Cursor]:
    """One transaction as a signed-in user (the role and JWT claims PostgREST would set), so the
    demo takes the same paths, with the same checks, as the app."""
    claims = json.dumps({"sub": str(user_id), "role": "authenticated", "aud": "authenticated"})
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "select set_config('role', 'authenticated', true),"
            " set_config('request.jwt.claims', %s, true)",
            (claims,),
        )
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
    picked = [r for r in rows if r[4] <= len(ORDER_STATES)] if products else []
    orders = _submitted_orders(conn, picked, today, products)
    for outlet, rep, _supplier, dealer_user, n in picked:
        _advance(conn, orders[outlet], ORDER_STATES[n - 1], dealer_user, rep, today)
    return len(picked)


def _submitted_orders(
    conn: psycopg.Connection, picked: list[Any], today: dt.date, products: list[Any]
) -> dict[Any, Any]:
    """Orders as the check-out of the rep's visit leaves them: submitted to the dealer n days
    ago, with where they go and two lines each (written on the service side, as the check-out
    trigger writes them), in one transaction of two statements; the order of each outlet."""
    days = [today - dt.timedelta(days=r[4]) for r in picked]
    with conn.transaction():
        orders = dict(
            conn.execute(
                """
                insert into public.orders (customer_id, supplier_id, rep_id, ordered_on, status,
                                           submitted_at, ship_to_name, ship_to_address,
                                           ship_to_contact, ship_to_phone)
                select c.id, x.supplier, x.rep, x.day, 'submitted',
                       x.day + time '10:30' at time zone 'Asia/Shanghai',
                       c.name, c.address, c.contact_name, c.phone
                  from unnest(%s::uuid[], %s::uuid[], %s::uuid[], %s::date[])
                       with ordinality x (outlet, supplier, rep, day, k)
                  join public.customers c on c.id = x.outlet
                 order by x.k
                returning customer_id, id
                """,
                ([r[0] for r in picked], [r[2] for r in picked], [r[1] for r in picked], days),
            ).fetchall()
        )
        lines = [
            (orders[r[0]], products[(r[4] * 3 + k * 7) % len(products)], 2 + (r[4] + k) % 5)
            for r in picked
            for k in range(2)
        ]
        conn.execute(
            "insert into public.order_lines (order_id, product_id, quantity, unit_price)"
            " select x.o, p.id, x.q, p.unit_price"
            " from unnest(%s::uuid[], %s::uuid[], %s::numeric[]) with ordinality x (o, p, q, k)"
            " join public.products p on p.id = x.p order by x.k",
            ([line[0] for line in lines], [line[1] for line in lines], [line[2] for line in lines]),
        )
    return orders


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


def seed_cases(conn: psycopg.Connection, today: dt.date) -> int:
    """Each demo dealer raises, through its own requests (the path its phone takes), a return
    inside its window (accepted by rule), one outside it (waiting for the manager), another one
    outside it that the manager refuses, an exchange being worked on, a repair done and closed,
    a packaging exchange just raised, a complaint answered and one left unanswered past its due
    time, and confirms its newest delivery with a damaged box (a delivery discrepancy); the area
    manager and the manager act through their functions. Returns how many."""
    dealers = conn.execute(
        "select p.id, p.customer_id from public.profiles p"
        " where p.role = 'dealer' and p.active order by p.email"
    ).fetchall()
    manager = conn.execute(
        "select id from public.profiles where role = 'manager' and active order by full_name, id"
    ).fetchone()
    if manager is None:
        return 0
    return sum(_dealer_cases(conn, today, user, customer, manager[0]) for user, customer in dealers)


def _dealer_cases(
    conn: psycopg.Connection, today: dt.date, user: Any, customer: Any, manager: Any
) -> int:
    """One demo dealer's cases (seed_cases); 0 when it has too few deliveries."""
    day = dt.timedelta(days=1)
    recent = _delivery_lines(conn, customer, today - 10 * day, today)
    old = _delivery_lines(conn, customer, today - 400 * day, today - 120 * day)
    if len(recent) < 4 or len(old) < 2:
        return 0
    ask = functools.partial(_request, conn, user, customer)
    newest = conn.execute(
        "select s.doc_no, s.id from public.shipments s where s.customer_id = %s"
        " and s.seller_id is null and s.confirmed_at is null and s.shipped_on >= %s"
        " and s.deleted_at is null order by s.shipped_on desc, s.doc_no, s.line_no limit 1",
        (customer, today - day),
    ).fetchone()
    if newest is not None:  # received with a damaged box: a delivery discrepancy
        with acting_as(conn, user) as cur:
            cur.execute(
                "select public.confirm_delivery_doc(%s, %s, %s)",
                (newest[0], Jsonb([{"shipment_id": str(newest[1]), "damaged": 1}]), "一箱外箱破损"),
            )
    ask("return", "临期，消费者不接受", [recent[0]])
    ask("return", "滞销库存，申请退回", [old[0]])  # waits for the manager
    refused = ask("return", "旧货退回", [old[1]])
    _act(conn, manager, "case_approve", refused, False, "超出退货期限且无质量问题")
    exchange = ask("exchange", "口味发错，需换成原味", [recent[1]])
    _act(conn, _owner(conn, exchange), "case_service_step", exchange, "received")
    repair = ask("repair", "冷柜不制冷", [recent[2]])
    owner = _owner(conn, repair)
    _act(conn, owner, "case_service_step", repair, "received")
    _act(conn, owner, "case_service_step", repair, "done", None, "更换压缩机继电器")
    _act(conn, owner, "case_service_step", repair, "sent_back")
    _act(conn, owner, "case_close", repair, "已修好寄回，经销商确认可用")
    ask("packaging_exchange", "外箱受潮变形，影响陈列", [recent[3]], "low")
    answered = ask("complaint", "送货司机态度差，卸货时摔箱", severity="high")
    owner = _owner(conn, answered)
    _act(conn, owner, "case_decide", answered, "物流商通报批评，司机调岗")
    _act(conn, owner, "case_answer", answered, "已核实并处理：更换送货司机，摔坏的两箱下次补发。")
    # raised five days ago (the service side may date a request): past its due time, so it
    # stands out on the desk and complaint_unanswered shows
    _request(conn, None, customer, "complaint", "促销费用两个月未核销", since=5 * day, by=user)
    return 9


def _delivery_lines(
    conn: psycopg.Connection, customer: Any, start: dt.date, end: dt.date
) -> list[Any]:
    """Up to 8 lines of the manufacturer's deliveries to the customer shipped in [start, end],
    newest first."""
    rows = conn.execute(
        "select s.id from public.shipments s"
        " where s.customer_id = %s and s.seller_id is null and s.deleted_at is null"
        " and s.shipped_on between %s and %s and s.quantity >= 1"
        " order by s.shipped_on desc, s.doc_no, s.line_no limit 8",
        (customer, start, end),
    ).fetchall()
    return [r[0] for r in rows]


def _request(
    conn: psycopg.Connection,
    user: Any,
    customer: Any,
    kind: str,
    reason: str,
    lines: Sequence[Any] = (),
    severity: str = "medium",
    *,
    since: dt.timedelta | None = None,
    by: Any = None,
) -> Any:
    """A request as the dealer's phone pushes it (user: the dealer), or, with no user, as the
    service side writes one raised `since` ago by `by`; the case gets its id."""
    sql = (
        "insert into public.case_requests (customer_id, kind, severity, doc_no, lines, reason,"
        " requested_at, requested_by)"
        " select %s, %s, %s, (select s.doc_no from public.shipments s where s.id = %s),"
        " (select coalesce(jsonb_agg(jsonb_build_object('shipment_id', x, 'quantity', 1)),"
        " '[]') from unnest(%s::uuid[]) x), %s, now() - %s, %s returning id"
    )
    args = (customer, kind, severity, lines[0] if lines else None, list(lines), reason,
            since or dt.timedelta(0), by)  # fmt: skip
    if user is None:
        return conn.execute(sql, args).fetchone()[0]
    with acting_as(conn, user) as cur:
        cur.execute(sql, args)
        return cur.fetchone()[0]


def _owner(conn: psycopg.Connection, case: Any) -> Any:
    return conn.execute("select owner_id from public.cases where id = %s", (case,)).fetchone()[0]


def _act(conn: psycopg.Connection, user: Any, fn: str, case: Any, *args: Any) -> None:
    """One step on a case through its function, as user."""
    marks = ", ".join(["%s"] * (len(args) + 1))
    with acting_as(conn, user) as cur:
        cur.execute(f"select public.{fn}({marks})", (case, *args))
