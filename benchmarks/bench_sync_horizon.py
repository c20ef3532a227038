"""Pulls while a stranger holds a transaction open (issue 13): a rep's pull latency with no other
activity, then during an open transaction in another database of the same server, in one run.
"A pull during a 60 s transaction in another database: same latency as without it."

Direct-PostgreSQL remote (the app's PgRemote) on the default demo scale, in a database of its own
(built once). Each round times a rep's full pull (every page from cursor 0) and, after a visit is
committed, one incremental pull (does the new visit arrive at once?). The other database is made
for the run and dropped afterwards.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_sync_horizon [--seconds 60] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from dataclasses import dataclass, field

import psycopg
from psycopg.conninfo import make_conninfo

from backend.migrate import MigrationError, migrate
from benchmarks.common import AS_OF, server_url
from fieldapp.sync.pg_remote import PgRemote

SMALL_DB = "fieldsales_bench_horizon"
MARK = "bench-horizon"  # notes of the visits this benchmark commits (removed afterwards)
PAUSE = 1.0  # seconds between rounds (a phone is not a tight loop), the same in both phases


def small_database() -> str:
    """URL of a migrated database holding the default demo, built once (and again when its
    migrations no longer match the files)."""
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("select pg_advisory_lock(727008)")
        try:
            url = make_conninfo(server_url(), dbname=SMALL_DB)
            try:
                _build(admin, url, fresh=False)
            except MigrationError:
                _build(admin, url, fresh=True)
        finally:
            admin.execute("select pg_advisory_unlock(727008)")
    return url


def _build(admin: psycopg.Connection, url: str, fresh: bool) -> None:
    from backend.demo import generate
    from backend.importer import import_frames

    exists = admin.execute("select 1 from pg_database where datname = %s", (SMALL_DB,)).fetchone()
    if exists and fresh:
        admin.execute(f"drop database {SMALL_DB} with (force)")
        exists = None
    if not exists:
        admin.execute(f"create database {SMALL_DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            import_frames(conn, generate("default", seed=42, as_of=AS_OF), as_of=AS_OF)
            conn.execute("analyze")


@dataclass
class Phase:
    """What one phase measured."""

    full_s: list[float] = field(default_factory=list)
    fresh_s: list[float] = field(default_factory=list)
    arrived: int = 0

    def line(self, label: str) -> str:
        """One row of the printed table."""
        return (
            f"{label:<44}{_ms(self.full_s):>16}{_ms(self.fresh_s):>18}"
            f"{self.arrived:>10}/{len(self.fresh_s)}"
        )


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f}" if samples else "-"


class Rep:
    """One rep's phone, reduced to its pulls."""

    def __init__(self, url: str, email: str, rep_id: str, customer_id: str) -> None:
        self.remote = PgRemote(url)
        self.remote.sign_in(email)
        self.url, self.rep_id, self.customer_id = url, rep_id, customer_id
        self.since, self.after = 0, None
        self.rows = 0

    def full_pull(self) -> float:
        """Every page from cursor 0; seconds taken (the cursor it ends on is kept)."""
        t0 = time.perf_counter()
        since, after, rows = 0, None, 0
        while True:
            page = self.remote.pull(since, 1000, after)
            rows += sum(len(r) for r in page["changes"].values())
            since, after = page["cursor"], page["after"]
            if not page["has_more"]:
                break
        self.since, self.after, self.rows = since, after, rows
        return time.perf_counter() - t0

    def fresh_pull(self, writer: psycopg.Connection) -> tuple[float, bool]:
        """Commit a visit, then pull once from the cursor: seconds taken, did the visit arrive."""
        vid = str(uuid.uuid4())
        writer.execute(
            "insert into visits (id, rep_id, customer_id, checkin_at, notes)"
            " values (%s, %s, %s, now(), %s)",
            (vid, self.rep_id, self.customer_id, MARK),
        )
        t0 = time.perf_counter()
        page = self.remote.pull(self.since, 1000, self.after)
        took = time.perf_counter() - t0
        if not page["has_more"]:
            self.since, self.after = page["cursor"], page["after"]
        return took, any(r["id"] == vid for r in page["changes"].get("visits", []))

    def round(self, phase: Phase, writer: psycopg.Connection) -> None:
        """One full pull and one incremental pull."""
        phase.full_s.append(self.full_pull())
        took, arrived = self.fresh_pull(writer)
        phase.fresh_s.append(took)
        phase.arrived += arrived


def main() -> None:
    """Build (once) the demo database, then time the two phases and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the stranger stays")
    parser.add_argument("--runs", type=int, default=7, help="rounds with no other activity")
    args = parser.parse_args()

    url = small_database()
    with psycopg.connect(url, autocommit=True) as writer:
        rep_id, email, customer_id, owned = writer.execute(
            "select p.id::text, p.email, min(c.id::text), count(*) from profiles p"
            " join customers c on c.owner_id = p.id where p.role = 'rep'"
            " group by p.id, p.email order by count(*) desc, p.email limit 1"
        ).fetchone()
        total = writer.execute("select count(*) from customers").fetchone()[0]
        rep = Rep(url, email, rep_id, customer_id)
        try:
            quiet = Phase()
            for _ in range(args.runs):  # paced like the rounds below, so both phases compare
                rep.round(quiet, writer)
                time.sleep(PAUSE)
            print(
                f"scale: {total} customers (default demo); rep {email} owns {owned},"
                f" pulls {rep.rows} rows"
            )

            stranger_db = f"fieldsales_bench_stranger_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(server_url(), autocommit=True) as admin:
                admin.execute(f"create database {stranger_db}")
            busy, stuck = Phase(), False
            try:
                with psycopg.connect(make_conninfo(server_url(), dbname=stranger_db)) as stranger:
                    xid = int(stranger.execute("select pg_current_xact_id()::text").fetchone()[0])
                    opened = time.monotonic()
                    # rounds spread over the stranger's whole transaction, at least as many as above
                    while len(busy.full_s) < args.runs or time.monotonic() - opened < args.seconds:
                        rep.round(busy, writer)
                        time.sleep(PAUSE)
                    # the old bound, the oldest running transaction of the server, sits at most here
                    old_bound = int(
                        writer.execute(
                            "select pg_snapshot_xmin(pg_current_snapshot())::text"
                        ).fetchone()[0]
                    )
                    stuck = old_bound <= xid
                    held = time.monotonic() - opened
                    stranger.rollback()
            finally:
                with psycopg.connect(server_url(), autocommit=True) as admin:
                    admin.execute(f"drop database if exists {stranger_db} with (force)")
        finally:
            rep.remote.close()
            writer.execute("delete from visits where notes = %s", (MARK,))

    print(f"{'':<44}{'full pull (ms)':>16}{'new-row pull (ms)':>18}{'arrived':>12}")
    print(quiet.line("no other activity"))
    print(busy.line(f"{held:.0f} s open transaction in another database"))
    print(
        "old bound (the server's oldest running transaction) during it: "
        + ("held at the stranger's transaction" if stuck else "not held (someone else was older)")
    )


if __name__ == "__main__":
    main()
