"""A dealer's first full pull at the large demo scale (target under 2 s), direct-PostgreSQL remote
on loopback, into an empty phone store: the dealer login whose company has the most shipment
lines, i.e. the most rows to pull (its shipments of the sync window, deliveries, cases, …).
Printed beside its baseline measured in the same run: `COPY (select …) TO STDOUT` of exactly the
rows the pull brought, as the service role (no policies), one COPY per table. Medians of --runs.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_dealer_pull [--runs 5] [--scale large|national]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from benchmarks.common import add_scale_argument, scale_database
from fieldapp.store import Store
from fieldapp.sync import SyncEngine
from fieldapp.sync.pg_remote import PgRemote

TARGET_MS = 2000


class RecordingRemote:
    """A PgRemote that times each pull and records which rows of which table it brought."""

    def __init__(self, inner: PgRemote) -> None:
        self.inner = inner
        self.pull_s: list[float] = []
        self.rows: dict[str, set[str]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def pull(self, since: int, limit: int, after: str | None) -> dict[str, Any]:
        t0 = time.perf_counter()
        page = self.inner.pull(since, limit, after)
        self.pull_s.append(time.perf_counter() - t0)
        for table, rows in page["changes"].items():
            self.rows.setdefault(table, set()).update(str(r["id"]) for r in rows)
        return page


def busiest_dealer(conn: psycopg.Connection) -> tuple[str, str, int]:
    """The active dealer login whose company has the most shipment lines: email, company code,
    lines."""
    row = conn.execute(
        "select p.email, c.code, count(s.id) from profiles p"
        " join customers c on c.id = p.customer_id"
        " left join shipments s on s.customer_id = c.id"
        " where p.role = 'dealer' and p.active group by 1, 2 order by 3 desc, 1 limit 1"
    ).fetchone()
    if row is None:
        raise SystemExit("the large demo has no dealer login")
    return row


def copy_baseline(conn: psycopg.Connection, rows: dict[str, set[str]]) -> tuple[float, int]:
    """Seconds to COPY the same rows out (as the service role), and the bytes written."""
    size = 0
    t0 = time.perf_counter()
    with conn.cursor() as cur:
        for table in rows:
            key, kind = ("key", "text") if table == "settings" else ("id", "uuid")
            query = sql.SQL(
                "copy (select to_jsonb(x) - 'txid' from public.{t} x"
                " join pulled p on p.tbl = {name} and x.{k} = p.id::{kind}) to stdout"
            ).format(
                t=sql.Identifier(table),
                name=sql.Literal(table),
                k=sql.Identifier(key),
                kind=sql.SQL(kind),
            )
            with cur.copy(query) as copy:
                for chunk in copy:
                    size += len(chunk)
    return time.perf_counter() - t0, size


def _ms(samples: list[float]) -> str:
    return (
        f"{statistics.median(samples) * 1000:7.0f} ms (runs: "
        + ", ".join(f"{s * 1000:.0f}" for s in samples)
        + ")"
    )


def main() -> None:
    """Print the scale, then the first pull's median beside the COPY baseline's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    add_scale_argument(parser)
    args = parser.parse_args()
    url = scale_database(args.scale)
    tmp = Path(tempfile.mkdtemp(prefix="bench_dealer_pull_"))
    with psycopg.connect(url, autocommit=True) as conn:
        email, company, lines = busiest_dealer(conn)
        dealers = conn.execute("select count(*) from profiles where role = 'dealer'").fetchone()[0]
    print(f"{dealers} dealer logins; benchmark dealer {email} ({company}, {lines} shipment lines)")

    pg = PgRemote(url)
    pg.sign_in(email)
    firsts, calls, pulled, pages = [], [], 0, 0
    remote = RecordingRemote(pg)
    for i in range(args.runs):
        remote = RecordingRemote(pg)
        store = Store.open(tmp / f"first{i}.db")
        engine = SyncEngine(store, remote)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        report = engine.sync()
        firsts.append(time.perf_counter() - t0)
        calls.append(sum(remote.pull_s))
        pulled, pages = report.pulled, report.pages
        store.close()
    pg.close()
    per_table = ", ".join(f"{t} {len(ids)}" for t, ids in sorted(remote.rows.items()))

    copies, size = [], 0
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute("create temp table pulled (tbl text, id text) on commit drop")
        with conn.cursor().copy("copy pulled (tbl, id) from stdin") as copy:
            for table, ids in remote.rows.items():
                for row_id in ids:
                    copy.write_row((table, row_id))
        conn.execute("analyze pulled")
        for _ in range(args.runs):
            seconds, size = copy_baseline(conn, remote.rows)
            copies.append(seconds)
    shutil.rmtree(tmp, ignore_errors=True)

    first, base = statistics.median(firsts), statistics.median(copies)
    print(f"rows pulled: {pulled} in {pages} pages ({per_table})")
    print(f"dealer's first full pull: {_ms(firsts)}   target < {TARGET_MS} ms")
    print(f"  of which waiting for sync_pull: {_ms(calls)}")
    print(f"baseline COPY (select …) TO STDOUT of the same rows ({size:,} bytes): {_ms(copies)}")
    print(f"the pull takes {first / base:.1f}× the baseline")


if __name__ == "__main__":
    main()
