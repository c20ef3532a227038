"""Import the large demo from frames into an empty database, then again (nothing changed), beside
a `COPY` of the same shipment rows into an unindexed table.

Each run makes a fresh database (fieldsales_bench_import), migrates it and imports
`generate(scale)` through `import_frames` (no Excel: the workbook reader is not what is measured),
printing every phase's time; then imports the same frames again, which must insert and update
nothing. The baseline COPYs the staged shipment rows (typed, as the importer stages them) into an
unindexed table with no triggers, in the same database. Medians of `--runs` (default 3).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        nice -n 10 .venv/bin/python -m benchmarks.bench_import [--runs 3] [--scale large] \\
            [--database D]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

import psycopg
from psycopg.conninfo import make_conninfo

from backend.demo import generate
from backend.importer import import_frames
from backend.importer.spec import SHEETS_BY_NAME
from backend.importer.upsert import _stage_type
from backend.migrate import migrate
from backend.progress import Phases
from benchmarks.common import AS_OF, server_url

DB = "fieldsales_bench_import"


def _fresh(admin: psycopg.Connection, db: str) -> str:
    admin.execute(f"drop database if exists {db} with (force)")
    admin.execute(f"create database {db}")
    return make_conninfo(server_url(), dbname=db)


def copy_baseline(conn: psycopg.Connection, frames: dict) -> float:
    """Seconds to COPY the shipment rows into an unindexed, trigger-free table."""
    sheet, frame = SHEETS_BY_NAME["shipments"], frames["shipments"]
    cols = ", ".join(f'"{c}" {_stage_type(sheet.col(c))}' for c in frame.columns)
    conn.execute(f"create unlogged table if not exists copy_baseline ({cols})")
    conn.execute("truncate copy_baseline")
    names = ", ".join(f'"{c}"' for c in frame.columns)
    t0 = time.perf_counter()
    with conn.cursor() as cur, cur.copy(f"copy copy_baseline ({names}) from stdin") as copy:
        for row in frame.itertuples(index=False, name=None):
            copy.write_row(row)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", default="large")
    ap.add_argument("--database", default=DB, help=f"the database it makes (default {DB})")
    args = ap.parse_args()
    frames = generate(args.scale, seed=42, as_of=AS_OF)
    lines = len(frames["shipments"])
    first: dict[str, list[float]] = defaultdict(list)
    again: dict[str, list[float]] = defaultdict(list)
    totals: dict[str, list[float]] = defaultdict(list)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        try:
            for _ in range(args.runs):
                url = _fresh(admin, args.database)
                with psycopg.connect(url, autocommit=True) as conn:
                    migrate(conn)
                    for label, phases_by in (("first", first), ("again", again)):
                        phases = Phases()
                        t0 = time.perf_counter()
                        done = import_frames(conn, frames, as_of=AS_OF, progress=phases)
                        totals[label].append(time.perf_counter() - t0)
                        for p in phases.times:
                            phases_by[p.name].append(p.seconds)
                        if label == "again":
                            assert sum(done.inserted.values()) + sum(done.updated.values()) == 0
                    totals["copy"].append(copy_baseline(conn, frames))
        finally:
            admin.execute(f"drop database if exists {args.database} with (force)")
    med = statistics.median
    print(f"import of the {args.scale} demo from frames ({lines:,} shipment lines), "
          f"median of {args.runs}:")  # fmt: skip
    for name in {**first, **again}:  # a phase a run skipped took no time there
        secs = first.get(name, [0.0])
        if max(med(secs), med(again.get(name, [0.0]))) >= 0.05:
            print(f"  {name:<28} {med(secs):8.2f} s   again {med(again.get(name, [0.0])):8.2f} s")
    print(f"  {'total':<28} {med(totals['first']):8.2f} s   again {med(totals['again']):8.2f} s")
    print(f"baseline: COPY of the {lines:,} shipment rows into an unindexed table "
          f"{med(totals['copy']):.2f} s")  # fmt: skip
    ship = sum(
        med(first.get(p, [0.0]))
        for p in ("stage shipments", "attach shipment months", "merge shipments")
    )
    print(f"shipments staged and merged: {ship:.2f} s, {ship / med(totals['copy']):.1f}x the COPY")


if __name__ == "__main__":
    main()
