"""Warning evaluation at the large demo scale: SQL (full and a sync-sized re-evaluation) against
the pandas twin, in the same run.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python -m benchmarks.bench_warnings [--scale large|national]

The local server runs with autovacuum off, so the benchmark first vacuums and analyzes what
autovacuum would have (the visibility map lets the evaluation read its covering indexes alone).
Each "raising" run starts from a vacuumed warnings table: the previous run was rolled back, and
its dead rows would otherwise make every later run slower than a real first run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import psycopg

from backend.migrate import migrate
from benchmarks.common import AS_OF, add_scale_argument, scale_database, timed
from tests.oracle import conditions, load_frames

RUNS = 5
PANDAS_RUNS = 3
SUBSET = 20
FRESH = 5  # new connections, each timing its first re-evaluation


def _median_ms(samples: list[float]) -> str:
    runs = ", ".join(f"{s * 1000:.0f}" for s in samples)
    return f"{statistics.median(samples) * 1000:8.1f} ms  (runs: {runs})"


def _cold_runs(conn: psycopg.Connection, runs: int) -> tuple[list[float], int]:
    """Full evaluations that raise everything: each in a transaction that is rolled back."""
    times, raised = [], 0
    for _ in range(runs):
        conn.execute("vacuum public.warnings")
        with conn.transaction(force_rollback=True):
            conn.execute("delete from public.warnings")
            t0 = time.perf_counter()
            row = conn.execute("select count(*) from public.evaluate_warnings(%s)", (AS_OF,))
            raised = row.fetchone()[0]
            times.append(time.perf_counter() - t0)
    return times, raised


def _first_calls(url: str, query: str, params: tuple[object, ...], runs: int) -> list[float]:
    """Wall time of the first call on each of several new connections."""
    times = []
    for _ in range(runs):
        with psycopg.connect(url, autocommit=True) as fresh:
            t0 = time.perf_counter()
            fresh.execute(query, params).fetchall()
            times.append(time.perf_counter() - t0)
    return times


def _call(conn: psycopg.Connection, query: str, params: tuple[object, ...]) -> Callable[[], object]:
    return lambda: conn.execute(query, params).fetchall()


def main() -> None:
    """Build or reuse the large (or national) database, then time and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_scale_argument(parser)
    url = scale_database(parser.parse_args().scale)
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        conn.execute("vacuum (analyze)")
        customers = conn.execute("select count(*) from public.customers").fetchone()[0]
        lines = conn.execute(
            "select count(*) from public.shipments where deleted_at is null"
        ).fetchone()[0]
        days = conn.execute("select count(*) from private.purchase_days").fetchone()[0]
        print(
            f"scale: {customers:,} customers, {lines:,} shipment lines ({days:,} customer-days),"
            f" as of {AS_OF}"
        )

        cold, raised = _cold_runs(conn, RUNS)
        conn.execute("select count(*) from public.evaluate_warnings(%s)", (AS_OF,))
        _, steady = timed(
            _call(conn, "select count(*) from public.evaluate_warnings(%s)", (AS_OF,)), RUNS
        )
        open_now = conn.execute(
            "select count(*) from public.warnings where status <> 'resolved'"
        ).fetchone()[0]
        print(f"SQL full evaluate, raising all {raised:,} warnings:  {_median_ms(cold)}")
        print(f"SQL full evaluate, steady ({open_now:,} open, nothing new): {_median_ms(steady)}")

        loads, computes = [], []
        for _ in range(PANDAS_RUNS):
            t0 = time.perf_counter()
            frames = load_frames(conn)
            t1 = time.perf_counter()
            found = conditions(frames, AS_OF)
            loads.append(t1 - t0)
            computes.append(time.perf_counter() - t1)
            del frames
        totals = [a + b for a, b in zip(loads, computes, strict=True)]
        print(f"pandas twin ({len(found):,} conditions): load {_median_ms(loads)}")
        print(f"                          compute {_median_ms(computes)}")
        print(f"                            total {_median_ms(totals)}")
        sql_full = statistics.median(cold)
        sql_steady = statistics.median(steady)
        pandas_total = statistics.median(totals)
        print(
            f"ratio pandas total / SQL: {pandas_total / sql_full:.1f}x (raising all),"
            f" {pandas_total / sql_steady:.1f}x (steady);"
            f" pandas compute only / SQL steady: {statistics.median(computes) / sql_steady:.1f}x"
        )

        ids = [r[0] for r in conn.execute("select id from public.customers order by id")]
        rng = random.Random(42)
        sample = rng.sample(ids, SUBSET)
        query = "select count(*) from public.evaluate_customer_warnings(%s::uuid[], %s)"
        first = _first_calls(url, query, (sample, AS_OF), FRESH)
        _, subset = timed(_call(conn, query, (sample, AS_OF)), 9)
        print(f"SQL re-evaluate {SUBSET} customers: {_median_ms(subset)}")
        print(
            f"  first call on a new connection: {_median_ms(first)};"
            f" slowest {max(first) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
