"""What the speed migration (20261127160000_warnings_speed.sql) changed must not change results:
the re-evaluation path agrees with the full one, a raised warning carries the sync stamp the
column defaults give it, the function's planner settings do not leak into the caller's session,
and the covering indexes it relies on exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest

from tests.db.warnings_world import D, World, day


def _mixed_world() -> World:
    """Customers with every customer-level kind of warning, and some with none."""
    w = World()
    w.customer("CR", credit_limit=1000).ship("CR", day("2026-11-01"), 1500)
    w.customer("BP").plan("BP", day("2026-01-01"), 100_000).ship("BP", day("2026-01-05"), 10)
    w.customer("LY").ship("LY", day("2025-10-01"), 20_000).ship("LY", day("2026-10-01"), 1_000)
    w.customer("CH").ship("CH", day("2026-05-01"), 500)
    weekly = [day("2026-08-01") + dt.timedelta(days=7 * i) for i in range(10)]
    w.customer("FQ").ships("FQ", weekly)  # every 7 days up to 3 October, then nothing
    w.customer("EX").expense("EX", day("2026-11-01"), 9000).expense("EX", day("2026-07-01"), 100)
    w.customer("BU").budget("BU", day("2026-11-01"), day("2026-11-30"), 100)
    w.expense("BU", day("2026-11-02"), 300)
    w.customer("IN").incident("IN", day("2026-11-20"))
    w.customer("OK").ships("OK", [day("2026-11-20"), day("2026-11-25")])
    w.customer("PAID", credit_limit=1000).ship("PAID", day("2026-11-01"), 1500)
    w.pay("PAID", D, 600)
    return w


def _conditions(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted((r[0], r[1], r[2], r[3], str(r[4])) for r in rows)


_SUBSET = (
    "select e.action, c.code, e.kind, e.cause_key, e.figures, e.severity"
    " from public.evaluate_customer_warnings(%s::uuid[], %s) e"
    " join public.customers c on c.id = e.customer_id"
)
_FULL = (
    "select e.action, c.code, e.kind, e.cause_key, e.figures, e.severity"
    " from public.evaluate_warnings(%s) e join public.customers c on c.id = e.customer_id"
)


def test_re_evaluating_customers_raises_what_the_full_evaluation_raises(
    conn: psycopg.Connection,
) -> None:
    ids = _mixed_world().load(conn)
    with conn.transaction(force_rollback=True):
        some = conn.execute(_SUBSET, (list(ids.values()), D)).fetchall()
    full = conn.execute(_FULL, (D,)).fetchall()
    assert _conditions(some) == _conditions(full)
    kinds = {r[2] for r in full}
    assert kinds >= {
        "credit_over_limit",
        "behind_plan",
        "below_last_year",
        "churn",
        "purchase_frequency_drop",
        "expense_rising",
        "expense_over_budget",
        "major_incident",
    }
    assert not {r[1] for r in full} & {"OK", "PAID"}


def test_a_re_evaluation_touches_only_its_customers(conn: psycopg.Connection) -> None:
    ids = _mixed_world().load(conn)
    rows = conn.execute(_SUBSET, ([ids["CR"], ids["OK"]], D)).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [("raised", "CR", "credit_over_limit")]
    assert conn.execute("select count(*) from public.warnings").fetchone()[0] == 1
    # the rest is raised by the next full evaluation, and nothing twice
    full = conn.execute(_FULL, (D,)).fetchall()
    assert "CR" not in {r[1] for r in full} and all(r[0] == "raised" for r in full)
    assert conn.execute(_FULL, (D,)).fetchall() == []


def test_a_raised_warning_carries_the_sync_stamp(conn: psycopg.Connection) -> None:
    _mixed_world().load(conn)
    with conn.transaction():
        xid = conn.execute("select private.sync_register()::text").fetchone()[0]  # the stamp
        conn.execute(_FULL, (D,)).fetchall()
    stamps = conn.execute("select distinct txid::text, version from public.warnings").fetchall()
    assert stamps == [(xid, 1)]
    # an update still goes through the stamp trigger: a new transaction, the next version
    conn.execute("update public.warnings set notes = '已联系' where kind = 'churn'")
    assert conn.execute(
        "select version, txid::text <> %s from public.warnings where kind = 'churn'", (xid,)
    ).fetchone() == (2, True)
    # re-sent unchanged: re-stamped, same version
    conn.execute("update public.warnings set notes = notes where kind = 'churn'")
    assert (
        conn.execute("select version from public.warnings where kind = 'churn'").fetchone()[0] == 2
    )


def test_an_insert_that_overrides_the_stamp_is_stamped_anyway(conn: psycopg.Connection) -> None:
    ids = World().customer("A").load(conn)
    with conn.transaction():
        xid = conn.execute("select private.sync_register()::text").fetchone()[0]  # the stamp
        conn.execute(
            "insert into public.warnings (customer_id, kind, cause_key, severity, txid, version)"
            " values (%s, 'churn', '2026-01-01', 'high', '5'::xid8, 9)",
            (ids["A"],),
        )
    assert conn.execute("select txid::text, version from public.warnings").fetchone() == (xid, 1)


@pytest.mark.parametrize("mode", ["auto", "force_generic_plan"])
def test_the_evaluation_leaves_the_sessions_planner_settings_alone(
    conn: psycopg.Connection, mode: str
) -> None:
    ids = _mixed_world().load(conn)
    conn.execute(f"set plan_cache_mode = {mode}")
    names = ["plan_cache_mode", "join_collapse_limit", "max_parallel_workers_per_gather", "jit"]
    query = "select " + ", ".join(f"current_setting('{n}')" for n in names)
    before = conn.execute(query).fetchone()
    with conn.transaction():
        conn.execute(_FULL, (D,)).fetchall()
        conn.execute(_SUBSET, ([ids["CR"]], D)).fetchall()
        assert conn.execute(query).fetchone() == before
    assert before[0] == mode and conn.execute(query).fetchone() == before


def test_the_covering_indexes_exist(conn: psycopg.Connection) -> None:
    rows = dict(
        conn.execute(
            "select indexname, indexdef from pg_indexes where indexname = any(%s)",
            (
                [
                    "customers_evaluated_idx",
                    "purchase_days_pkey",
                    "sales_plans_live_month_idx",
                    "returns_credited_idx",
                ],
            ),
        ).fetchall()
    )
    # every live customer, eliminated ones too (their debt is still watched), with its status
    assert rows["customers_evaluated_idx"].endswith(
        "(id) INCLUDE (owner_id, credit_limit, grade, status) WHERE (deleted_at IS NULL)"
    )
    assert "(customer_id, day) INCLUDE (cents, billed_cents)" in rows["purchase_days_pkey"]
    assert "(month) INCLUDE (customer_id, amount)" in rows["sales_plans_live_month_idx"]
    assert "(customer_id, decided_on) INCLUDE (amount)" in rows["returns_credited_idx"]
