"""Each warning kind on hand-made histories, at and around its bounds (docs/warnings.md)."""

from __future__ import annotations

import datetime as dt

import psycopg

from tests.db.warnings_world import D, World, day, evaluate, kinds, open_warnings
from tests.oracle import conditions, load_frames

ONE = dt.timedelta(days=1)


def _agree(conn: psycopg.Connection, as_of: dt.date = D) -> None:
    """The pandas twin finds exactly the open warnings the SQL evaluation raised."""
    frame = conditions(load_frames(conn), as_of)
    codes = dict(conn.execute("select id::text, code from public.customers").fetchall())
    twin = {
        (codes[c], k, key)
        for c, k, key in zip(frame.customer_id, frame.kind, frame.cause_key, strict=True)
    }
    sql = {(w["code"], w["kind"], w["cause_key"]) for w in open_warnings(conn)}
    assert twin == sql


# credit_over_limit ------------------------------------------------------------------------------


def test_credit_balance_at_limit_is_fine_one_cent_over_is_not(conn: psycopg.Connection) -> None:
    w = World().customer("AT", credit_limit=1000).customer("OVER", credit_limit=1000)
    w.ship("AT", day("2026-10-01"), 1000).ship("OVER", day("2026-10-01"), 1000.01)
    w.load(conn)
    evaluate(conn)
    assert kinds(conn, "AT") == set()
    (warning,) = open_warnings(conn)
    assert warning["code"] == "OVER" and warning["severity"] == "medium"
    assert warning["figures"] == {
        "balance": 1000.01,
        "credit_limit": 1000.0,
        "ratio": 1.0,
        "high_ratio": 1.2,
    }
    _agree(conn)


def test_credit_severity_high_only_above_120_percent(conn: psycopg.Connection) -> None:
    w = World().customer("AT120", credit_limit=1000).customer("ABOVE", credit_limit=1000)
    w.ship("AT120", day("2026-10-01"), 1200).ship("ABOVE", day("2026-10-01"), 1200.01)
    w.load(conn)
    evaluate(conn)
    assert {w["code"]: w["severity"] for w in open_warnings(conn)} == {
        "AT120": "medium",
        "ABOVE": "high",
    }


def test_credit_returns_and_credit_notes_reduce_the_balance(conn: psycopg.Connection) -> None:
    w = World().customer("C", credit_limit=1000)
    w.ship("C", day("2026-09-01"), 1500)
    w.ret("C", day("2026-09-10"), 200)  # accepted return
    w.ret("C", day("2026-09-11"), 100, kind="credit_note", status="completed")
    w.ret("C", day("2026-09-12"), 900, status="rejected")  # does not count
    w.ret("C", day("2026-09-13"), 900, kind="exchange")  # goods for goods, no credit
    w.ret("C", day("2026-11-20"), 900, status="requested")  # not decided yet
    w.load(conn)
    evaluate(conn)
    (warning,) = open_warnings(conn)
    assert warning["figures"]["balance"] == 1200.0  # 1500 - 200 - 100
    # a return decided after D does not count yet; decided on D it does
    conn.execute(
        "update public.returns set status = 'accepted', decided_on = %s where status = 'requested'",
        (D + ONE,),
    )
    assert evaluate(conn) == []
    conn.execute("update public.returns set decided_on = %s where decided_on = %s", (D, D + ONE))
    (cleared,) = evaluate(conn)
    assert cleared["action"] == "cleared" and cleared["resolution"] == "condition_cleared"
    _agree(conn)


def test_credit_payment_on_d_counts_and_after_d_does_not(conn: psycopg.Connection) -> None:
    w = World().customer("ON", credit_limit=1000).customer("AFTER", credit_limit=1000)
    w.ship("ON", day("2026-11-01"), 1500).pay("ON", D, 600)
    w.ship("AFTER", day("2026-11-01"), 1500).pay("AFTER", D + ONE, 600)
    w.ship("AFTER", D + ONE, 10_000)  # a shipment after D does not count either
    w.load(conn)
    evaluate(conn)
    assert [(w["code"], w["figures"]["balance"]) for w in open_warnings(conn)] == [
        ("AFTER", 1500.0)
    ]
    _agree(conn)


def test_credit_counts_only_what_the_manufacturer_sold(conn: psycopg.Connection) -> None:
    w = World().customer("DEALER", credit_limit=100_000)
    w.customer("SUB", tier=2, parent="DEALER", credit_limit=0)
    w.ship("SUB", day("2026-11-01"), 5000, seller="DEALER")  # owed to the dealer, not to us
    w.ship("SUB", day("2026-11-02"), 10, seller=None)  # sold by us on cash terms: over 0
    w.load(conn)
    evaluate(conn)
    (warning,) = open_warnings(conn)
    assert warning["code"] == "SUB" and warning["severity"] == "high"
    assert warning["figures"]["balance"] == 10.0 and warning["figures"]["ratio"] is None
    _agree(conn)


# behind_plan ------------------------------------------------------------------------------------


def test_behind_plan_needs_a_plan(conn: psycopg.Connection) -> None:
    World().customer("NOPLAN").ship("NOPLAN", day("2026-11-05"), 1).load(conn)
    evaluate(conn)
    assert kinds(conn, "NOPLAN") == set()


def test_behind_plan_threshold_and_prorated_month(conn: psycopg.Connection) -> None:
    as_of = day("2026-11-15")  # November has 30 days: half of its plan is due
    w = World()
    for code, bought in (("AT", 1200), ("BELOW", 1199.99)):
        w.customer(code).plan(code, day("2026-10-01"), 1000).plan(code, day("2026-11-01"), 1000)
        w.plan(code, day("2025-12-01"), 9999)  # last year's plan does not count
        w.ship(code, day("2026-01-02"), bought)
    w.load(conn)
    evaluate(conn, as_of)  # plan to date 1500, (1 - 0.2) x 1500 = 1200
    (warning,) = [w for w in open_warnings(conn) if w["kind"] == "behind_plan"]
    assert warning["code"] == "BELOW" and warning["cause_key"] == "2026"
    assert warning["figures"] == {
        "year": 2026,
        "purchases": 1199.99,
        "plan_to_date": 1500.0,
        "attainment": 0.8,
        "tolerance": 0.2,
    }
    _agree(conn, as_of)


def test_behind_plan_new_customer_with_a_plan_and_no_purchase(conn: psycopg.Connection) -> None:
    World().customer("NEW", since=day("2026-11-01")).plan("NEW", day("2026-11-01"), 3000).load(conn)
    evaluate(conn)
    (warning,) = open_warnings(conn)
    assert warning["figures"]["purchases"] == 0 and warning["figures"]["plan_to_date"] == 2700.0


def test_behind_plan_leap_february(conn: psycopg.Connection) -> None:
    w = World().customer("L").plan("L", day("2028-02-01"), 2900).ship("L", day("2028-01-05"), 2240)
    w.load(conn)
    # 28 February 2028: 28/29 of 2900 = 2800 due, 80 % is 2240 -> not behind
    evaluate(conn, day("2028-02-28"))
    assert kinds(conn, "L") == set()
    # 29 February: the whole month is due, 80 % is 2320 -> behind
    evaluate(conn, day("2028-02-29"))
    assert kinds(conn, "L") == {"behind_plan"}
    _agree(conn, day("2028-02-29"))


# below_last_year --------------------------------------------------------------------------------


def test_below_last_year_minimum_and_threshold(conn: psycopg.Connection) -> None:
    ly = day("2025-11-27")
    w = World()
    w.customer("SMALL").ship("SMALL", ly, 9999.99)  # under the 10,000 minimum
    w.customer("ATMIN").ship("ATMIN", ly, 10_000)  # at the minimum, nothing bought since
    w.customer("EXACT").ship("EXACT", ly, 10_000).ship("EXACT", D, 7000)  # exactly 70 %
    w.customer("NEW").ship("NEW", D, 1)  # no purchases a year earlier
    w.load(conn)
    evaluate(conn)
    assert {w["code"] for w in open_warnings(conn) if w["kind"] == "below_last_year"} == {"ATMIN"}
    _agree(conn)


def test_below_last_year_window_bounds(conn: psycopg.Connection) -> None:
    w = World()
    # the 90 days up to D are D-89 .. D; a year earlier they end on 2025-11-27
    w.customer("EDGE").ship("EDGE", day("2025-08-29"), 50_000)  # 2025-11-27 minus 90: outside
    w.customer("IN").ship("IN", day("2025-08-30"), 50_000)  # minus 89: inside
    w.customer("RECENT").ship("RECENT", day("2025-09-01"), 50_000)
    w.ship("RECENT", D - dt.timedelta(days=90), 50_000)  # outside the recent window
    w.load(conn)
    evaluate(conn)
    assert {w["code"] for w in open_warnings(conn) if w["kind"] == "below_last_year"} == {
        "IN",
        "RECENT",
    }
    _agree(conn)


def test_below_last_year_from_leap_day(conn: psycopg.Connection) -> None:
    # a year before 2028-02-29 is 2027-02-28 (as PostgreSQL and pandas both say)
    w = World().customer("L").ship("L", day("2027-02-28"), 20_000).ship("L", day("2027-03-01"), 5)
    w.load(conn)
    (raised, *_) = [r for r in evaluate(conn, day("2028-02-29")) if r["kind"] == "below_last_year"]
    assert raised["figures"]["last_year_90d"] == 20_000.0
    _agree(conn, day("2028-02-29"))


# churn and purchase_frequency_drop ----------------------------------------------------------------


def test_churn_bounds(conn: psycopg.Connection) -> None:
    w = World()
    w.customer("GONE").ship("GONE", D - dt.timedelta(days=90), 100)  # nothing in D-89 .. D
    w.customer("STAYS").ship("STAYS", D - dt.timedelta(days=89), 100)
    w.customer("LONGAGO").ship("LONGAGO", D - dt.timedelta(days=90 + 366), 100)
    w.customer("NEVER")
    w.load(conn)
    evaluate(conn)
    churned = [w for w in open_warnings(conn) if w["kind"] == "churn"]
    assert [(w["code"], w["cause_key"], w["severity"]) for w in churned] == [
        ("GONE", "2026-08-29", "high")
    ]
    assert churned[0]["figures"] == {"last_purchase": "2026-08-29", "days_since": 90, "days": 90}
    _agree(conn)


def test_frequency_drop_bounds_and_median(conn: psycopg.Connection) -> None:
    every_ten = [D - dt.timedelta(days=n) for n in (51, 41, 31, 21)]  # gaps 10, 10, 10
    w = World()
    w.customer("DROP").ships("DROP", every_ten)  # 21 days since > 2 x 10
    w.customer("ATTWICE").ships("ATTWICE", [d + ONE for d in every_ten])  # exactly 2 x 10
    w.customer("THREE").ships("THREE", every_ten[1:])  # only three purchases
    # gaps 6, 8, 10, 12: median 9, 19 days since > 18
    w.customer("EVEN").ships("EVEN", [D - dt.timedelta(days=n) for n in (55, 49, 41, 31, 19)])
    w.load(conn)
    evaluate(conn)
    drops = {w["code"]: w for w in open_warnings(conn) if w["kind"] == "purchase_frequency_drop"}
    assert set(drops) == {"DROP", "EVEN"}
    assert drops["EVEN"]["figures"]["median_gap_days"] == 9
    assert drops["DROP"]["figures"] == {
        "last_purchase": "2026-11-06",
        "days_since": 21,
        "median_gap_days": 10,
        "purchases": 4,
        "factor": 2.0,
    }
    _agree(conn)


def test_frequency_half_day_median_and_several_lines_a_day(conn: psycopg.Connection) -> None:
    w = World().customer("H")
    w.ships("H", [D - dt.timedelta(days=n) for n in (30, 23, 15, 15, 15, 8)])  # gaps 7, 8, 7
    w.ships("H", [D - dt.timedelta(days=40)])  # gaps 10, 7, 8, 7: median 7.5
    w.load(conn)
    evaluate(conn)
    assert kinds(conn, "H") == set()  # 8 days since, not above 15
    evaluate(conn, D + dt.timedelta(days=8))  # 16 > 15
    (drop,) = open_warnings(conn)
    assert drop["figures"]["median_gap_days"] == 7.5 and drop["figures"]["purchases"] == 5
    _agree(conn, D + dt.timedelta(days=8))


def test_a_churned_customer_gets_no_frequency_drop(conn: psycopg.Connection) -> None:
    w = World().customer("C").ships("C", [D - dt.timedelta(days=n) for n in (130, 120, 110, 100)])
    w.load(conn)
    evaluate(conn)
    assert kinds(conn, "C") == {"churn"}
    _agree(conn)


def test_frequency_uses_the_last_purchase_before_d(conn: psycopg.Connection) -> None:
    days = [D - dt.timedelta(days=n) for n in (51, 41, 31, 21)]
    World().customer("F").ships("F", [*days, D + dt.timedelta(days=3)]).load(conn)
    evaluate(conn)  # the purchase after D is not seen yet
    assert kinds(conn, "F") == {"purchase_frequency_drop"}
    _agree(conn)


# expenses ---------------------------------------------------------------------------------------


def test_expense_over_budget_bounds(conn: psycopg.Connection) -> None:
    q = (day("2026-10-01"), day("2026-12-31"))
    w = World()
    w.customer("AT").budget("AT", *q, 1000).expense("AT", day("2026-10-05"), 1000)
    w.customer("OVER").budget("OVER", *q, 1000).expense("OVER", day("2026-10-05"), 1000.01)
    w.expense("OVER", day("2026-08-01"), 5000)  # before the period
    w.customer("LATER").budget("LATER", *q, 1000).expense("LATER", D + ONE, 5000)  # after D
    w.customer("PAST").budget("PAST", day("2026-07-01"), day("2026-09-30"), 10)
    w.expense("PAST", day("2026-08-01"), 5000)  # an ended period is not evaluated
    w.load(conn)
    evaluate(conn)
    (warning,) = open_warnings(conn)
    assert (warning["code"], warning["cause_key"]) == ("OVER", "2026-10-01")
    assert warning["figures"] == {
        "period_start": "2026-10-01",
        "period_end": "2026-12-31",
        "spent": 1000.01,
        "budget": 1000.0,
        "ratio": 1.0,
    }
    _agree(conn)
    (cleared,) = evaluate(conn, day("2027-01-01"))
    assert cleared["resolution"] == "period_ended"


def test_expense_rising_bounds(conn: psycopg.Connection) -> None:
    w = World()
    # the 3 months up to D are 2026-08-28 .. D; the 3 before, 2026-05-28 .. 2026-08-27
    w.customer("EXACT").expense("EXACT", day("2026-06-01"), 5000).expense("EXACT", D, 6500)
    w.customer("UP").expense("UP", day("2026-08-27"), 5000).expense(
        "UP", day("2026-08-28"), 6500.01
    )
    w.customer("SMALL").expense("SMALL", day("2026-10-01"), 5000)  # not above the minimum
    w.customer("FROMZERO").expense("FROMZERO", day("2026-10-01"), 5000.01)
    w.customer("OLD").expense("OLD", day("2026-05-27"), 1).expense("OLD", day("2026-11-01"), 6000)
    w.load(conn)
    evaluate(conn)
    assert {w["code"] for w in open_warnings(conn)} == {"UP", "FROMZERO", "OLD"}
    _agree(conn)


def test_expense_windows_from_a_month_end(conn: psycopg.Connection) -> None:
    # 31 May minus 3 months is 28 February, minus 6 months is 30 November
    as_of = day("2026-05-31")
    w = (
        World()
        .customer("M")
        .expense("M", day("2025-12-01"), 4000)
        .expense("M", day("2026-03-01"), 6000)
    )
    w.expense("M", day("2025-11-30"), 100_000)  # outside both windows
    w.load(conn)
    evaluate(conn, as_of)
    (warning,) = open_warnings(conn)
    assert warning["figures"]["previous_3m"] == 4000.0
    _agree(conn, as_of)


# major_incident -----------------------------------------------------------------------------------


def test_major_incidents_within_the_window(conn: psycopg.Connection) -> None:
    w = World().customer("I")
    w.incident("I", D - dt.timedelta(days=10), "theft")
    w.incident("I", D - dt.timedelta(days=5), "minor")
    w.incident("I", D - dt.timedelta(days=90), "accident")  # 90 days ago: outside
    w.incident("I", D - dt.timedelta(days=89), "family_split")
    w.incident("I", D + ONE, "serious_illness")  # not yet
    w.load(conn)
    evaluate(conn)
    got = sorted(w["figures"]["incident_kind"] for w in open_warnings(conn))
    assert got == ["family_split", "theft"]
    assert {w["severity"] for w in open_warnings(conn)} == {"high"}
    cleared = evaluate(conn, D + dt.timedelta(days=11))
    assert [(c["action"], c["resolution"]) for c in cleared if c["action"] == "cleared"] == [
        ("cleared", "period_ended")
    ]
    _agree(conn, D + dt.timedelta(days=11))


def test_eliminated_customers_raise_only_credit_and_deleted_ones_nothing(
    conn: psycopg.Connection,
) -> None:
    # each customer holds credit, churn, a major incident and rising expenses
    w = World()
    for code, status in (("A", "active"), ("E", "eliminated"), ("X", "active")):
        w.customer(code, status=status, credit_limit=1).ship(code, D - dt.timedelta(days=100), 100)
        w.incident(code, D - ONE).expense(code, D - ONE, 6000)
    ids = w.load(conn)
    conn.execute("update public.customers set deleted_at = now() where id = %s", (ids["X"],))
    evaluate(conn)
    every = {"credit_over_limit", "churn", "major_incident", "expense_rising"}
    assert kinds(conn, "A") == every
    assert kinds(conn, "E") == {"credit_over_limit"}  # its debt is still watched
    assert kinds(conn, "X") == set()
    _agree(conn)
