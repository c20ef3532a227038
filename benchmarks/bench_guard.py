"""Cost of the write guard (private.guard_write_<table>, every table's first BEFORE trigger) per
written row: a rep's stock counts (three references, a key) inserted and updated as PostgREST runs
them, with the guard and with it disabled, alternating in the same run.
Run: python -m benchmarks.bench_guard"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Callable

import psycopg
from psycopg.conninfo import make_conninfo

from backend.migrate import migrate
from benchmarks.common import server_url, timed
from tests.db.access_world import build_world
from tests.postgrest import request

ROWS = 200
RUNS = 11
GUARD = "stock_counts_00_guard_write"


def _insert(conn: psycopg.Connection, claims: dict, visit: str, customer: str, product: str):
    def run() -> None:
        with request(conn, claims) as cur:  # rolled back: each run starts from the same state
            cur.executemany(
                "insert into stock_counts (id, visit_id, customer_id, product_id, quantity)"
                " values (%s, %s, %s, %s, %s)",
                [(uuid.uuid4(), visit, customer, product, i % 50) for i in range(ROWS)],
            )

    return run


def _update(conn: psycopg.Connection, claims: dict, ids: list[str]) -> Callable[[], None]:
    def run() -> None:
        with request(conn, claims) as cur:
            cur.executemany(
                "update stock_counts set quantity = quantity + 1 where id = %s",
                [(i,) for i in ids],
            )

    return run


def main() -> None:
    """Print per-row milliseconds with the guard and without it, medians of RUNS runs."""
    admin_url = server_url()
    name = f"fieldsales_bench_guard_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"create database {name}")
    try:
        with psycopg.connect(make_conninfo(admin_url, dbname=name), autocommit=True) as conn:
            migrate(conn)
            world = build_world(conn)
            claims, visit = world.claims("rep"), world.ids["visits"]
            customer, product = world.ids["D_SH"], world.ids["product"]
            ids = [str(uuid.uuid4()) for _ in range(ROWS)]
            conn.cursor().executemany(
                "insert into stock_counts (id, visit_id, customer_id, product_id, quantity)"
                " values (%s, %s, %s, %s, 1)",
                [(i, visit, customer, product) for i in ids],
            )
            cases = [
                ("insert", _insert(conn, claims, visit, customer, product)),
                ("update", _update(conn, claims, ids)),
            ]
            print(f"stock_counts as a rep, {ROWS} rows per run, medians of {RUNS} runs")
            print(f"{'write':8} {'guard ms/row':>13} {'no guard ms/row':>16} {'ratio':>6}")
            for label, run in cases:
                run()  # warm up
                guarded, bare = [], []
                for _ in range(RUNS):  # alternating, so both meet the same load on the machine
                    guarded.append(timed(run, 1)[0])
                    conn.execute(f"alter table stock_counts disable trigger {GUARD}")
                    try:
                        bare.append(timed(run, 1)[0])
                    finally:
                        conn.execute(f"alter table stock_counts enable trigger {GUARD}")
                g = statistics.median(guarded) * 1000 / ROWS
                b = statistics.median(bare) * 1000 / ROWS
                print(f"{label:8} {g:>13.3f} {b:>16.3f} {g / b:>6.2f}")
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


if __name__ == "__main__":
    main()
