"""The dealer ledger on a hand-made history, against figures computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.db.warnings_world import World, day

# Hand-made history of dealer C (credit limit 1,000), all sold by the manufacturer:
#   2025-01-15 ship 200, 2025-03-01 ship 300, 2025-12-20 ship 800, 2025-12-28 pay 300
#   → opening balance 2026 = 1,300 − 300 = 1,000
#   2026-01-05 pay 500 (before any 2026 shipment), 2026-01-10 ship 400, 2026-01-31 ship 100
#   2026-02-03 return 50 (accepted), 2026-02-10 credit note 20 (completed); a rejected return,
#   an exchange and a requested return that do not count; no plan in February
#   2026-03-15 ship 1,500, 2026-03-20 pay 600 (partial)
#   2026-12-31 ship 100 (last day of the year), 2027-01-01 ship 100 (next year)
#   plans: January 1,000, March 1,000
HISTORY_LIMIT = 1000


def _world() -> World:
    w = World().customer("C", credit_limit=HISTORY_LIMIT)
    w.customer("S", tier=2, parent="C", credit_limit=0)
    for on, amount in [
        ("2025-01-15", 200),
        ("2025-03-01", 300),
        ("2025-12-20", 800),
        ("2026-01-10", 400),
        ("2026-01-31", 100),
        ("2026-03-15", 1500),
        ("2026-12-31", 100),
        ("2027-01-01", 100),
    ]:
        w.ship("C", day(on), amount)
    w.pay("C", day("2025-12-28"), 300).pay("C", day("2026-01-05"), 500)
    w.pay("C", day("2026-03-20"), 600)
    w.ret("C", day("2026-02-03"), 50)
    w.ret("C", day("2026-02-10"), 20, kind="credit_note", status="completed")
    w.ret("C", day("2026-02-11"), 999, status="rejected")
    w.ret("C", day("2026-02-12"), 999, kind="exchange")
    w.ret("C", day("2026-02-13"), 999, status="requested")
    w.plan("C", day("2026-01-01"), 1000).plan("C", day("2026-03-01"), 1000)
    # the sub-distributor buys from its dealer: a purchase of S, not our receivable
    w.ship("S", day("2026-03-02"), 70, seller="C")
    return w


@pytest.fixture
def ids(conn: psycopg.Connection) -> dict[str, Any]:
    return _world().load(conn)


def _ledger(conn: psycopg.Connection, cid: Any, year: int) -> list[dict[str, Any]]:
    cur = conn.execute("select * from public.dealer_ledger(%s, %s)", (cid, year))
    names = [c.name for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _d(x: float | int | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def test_ledger_months_match_hand_computed_figures(conn: psycopg.Connection, ids) -> None:
    rows = _ledger(conn, ids["C"], 2026)
    assert [r["month"] for r in rows] == [dt.date(2026, m, 1) for m in range(1, 13)]
    jan, feb, mar, apr, dec = rows[0], rows[1], rows[2], rows[3], rows[11]
    expected = {
        # month: purchases, lines, payments, credits, opening, closing, over, plan, progress,
        #        ytd, ytd plan, ytd %, last year, last year ytd, yoy %
        "jan": (jan, 500, 2, 500, 0, 1000, 1000, 0, 1000, 50.0, 500, 1000, 50.0, 200, 200, 250.0),
        "feb": (feb, 0, 0, 0, 70, 1000, 930, 0, None, None, 500, 1000, 50.0, 0, 200, None),
        "mar": (mar, 1500, 1, 600, 0, 930, 1830, 830, 1000, 150.0, 2000, 2000, 100.0, 300, 500,
                500.0),
        "apr": (apr, 0, 0, 0, 0, 1830, 1830, 830, None, None, 2000, 2000, 100.0, 0, 500, None),
        "dec": (dec, 100, 1, 0, 0, 1830, 1930, 930, None, None, 2100, 2000, 105.0, 800, 1300, 12.5),
    }  # fmt: skip
    keys = (
        "purchases", "purchase_lines", "payments", "credits", "opening_balance",
        "closing_balance", "over_limit", "plan_amount", "progress_pct", "ytd_purchases",
        "ytd_plan", "ytd_progress_pct", "last_year_purchases", "last_year_ytd", "yoy_pct",
    )  # fmt: skip
    for name, (row, *want) in expected.items():
        got = {k: row[k] for k in keys}
        want_d = {
            k: (v if k == "purchase_lines" else _d(v)) for k, v in zip(keys, want, strict=True)
        }
        assert got == want_d, name
        assert row["credit_limit"] == HISTORY_LIMIT
    # the balance identity holds every month
    for r in rows:
        assert r["closing_balance"] == (
            r["opening_balance"] + r["billed"] - r["payments"] - r["credits"]
        )


def test_year_boundary(conn: psycopg.Connection, ids) -> None:
    nxt = _ledger(conn, ids["C"], 2027)
    assert nxt[0]["opening_balance"] == Decimal("1930")  # the last day of 2026 counts in 2026
    assert nxt[0]["purchases"] == Decimal("100") and nxt[0]["closing_balance"] == Decimal("2030")
    assert nxt[0]["last_year_purchases"] == Decimal("500")  # January 2026
    assert nxt[0]["plan_amount"] is None and nxt[0]["ytd_progress_pct"] is None
    before = _ledger(conn, ids["C"], 2025)
    assert before[11]["closing_balance"] == Decimal("1000")
    assert before[0]["opening_balance"] == 0


def test_sub_distributor_purchases_are_not_our_receivable(conn: psycopg.Connection, ids) -> None:
    mar = _ledger(conn, ids["S"], 2026)[2]
    assert mar["purchases"] == Decimal("70") and mar["billed"] == 0
    assert mar["closing_balance"] == 0


def test_drill_down_lines(conn: psycopg.Connection, ids) -> None:
    cur = conn.execute(
        "select kind, on_date, amount, balance_effect, sku, status"
        " from public.dealer_ledger_lines(%s, %s)",
        (ids["C"], day("2026-02-17")),
    )
    assert cur.fetchall() == [
        ("return", day("2026-02-03"), Decimal("50.00"), Decimal("-50.00"), None, "accepted"),
        ("credit_note", day("2026-02-10"), Decimal("20.00"), Decimal("-20.00"), None, "completed"),
    ]
    jan = conn.execute(
        "select kind, on_date, amount, balance_effect from public.dealer_ledger_lines(%s, %s)",
        (ids["C"], day("2026-01-01")),
    ).fetchall()
    assert jan == [
        ("payment", day("2026-01-05"), Decimal("500.00"), Decimal("-500.00")),
        ("purchase", day("2026-01-10"), Decimal("400.00"), Decimal("400.00")),
        ("purchase", day("2026-01-31"), Decimal("100.00"), Decimal("100.00")),
    ]
    # the month's lines add up to the ledger's month
    led = _ledger(conn, ids["C"], 2026)[0]
    assert sum(r[3] for r in jan) == led["closing_balance"] - led["opening_balance"]


def test_ageing_is_fifo_and_adds_up_to_the_balance(conn: psycopg.Connection, ids) -> None:
    cur = conn.execute(
        "select balance, days_0_30, days_31_60, days_61_90, days_over_90, over_limit, oldest_open"
        " from public.receivables_ageing(%s) where customer_code = 'C'",
        (day("2026-03-31"),),
    )
    # credits 1,470 (payments 300 + 500 + 600, returns 70) settle the oldest 1,470 of 3,300:
    # open 230 of 2026-01-10 (80 days), 100 of 2026-01-31 (59 days), 1,500 of 2026-03-15 (16)
    assert cur.fetchone() == (
        Decimal("1830"),
        Decimal("1500"),
        Decimal("100"),
        Decimal("230"),
        Decimal("0"),
        Decimal("830"),
        day("2026-01-10"),
    )
    assert _ledger(conn, ids["C"], 2026)[2]["closing_balance"] == Decimal("1830")


def test_prepaid_customer_has_no_ageing(conn: psycopg.Connection) -> None:
    w = World().customer("P", credit_limit=0)
    w.ship("P", day("2026-01-10"), 100).pay("P", day("2026-01-01"), 250)
    ids = w.load(conn)
    row = conn.execute(
        "select balance, days_0_30 + days_31_60 + days_61_90 + days_over_90, over_limit"
        " from public.receivables_ageing(%s)",
        (day("2026-01-31"),),
    ).fetchone()
    assert row == (Decimal("-150"), 0, 0)
    jan = _ledger(conn, ids["P"], 2026)[0]
    assert jan["closing_balance"] == Decimal("-150") and jan["over_limit"] == 0


def test_bad_arguments(conn: psycopg.Connection, ids) -> None:
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("select * from public.dealer_ledger(%s, 1999)", (ids["C"],))
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("select * from public.dealer_ledger(null, 2026)")
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute(
            "select * from public.dealer_ledger('00000000-0000-4000-8000-000000000000', 2026)"
        )
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("select * from public.dealer_ledger_lines(%s, null)", (ids["C"],))
    with pytest.raises(psycopg.errors.NoDataFound):
        conn.execute("select * from public.monthly_plan_actual('2026-01-01', 'NOPE')")
