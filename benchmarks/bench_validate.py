"""Validate the large (or national) demo's frames with `check()`, beside a `COPY` of the same
shipment rows into an unindexed table: the import's first phase against its floor.

`check()` is the whole validate phase of an import (headers, cells, keys, references, rules);
it reads the database only for references to rows outside the workbook, so an empty migrated
database (made and dropped here, `--database`) is enough. The cells are given as `generate()`
makes them (typed columns) and, with `--cells excel`, as an .xlsx is read (every column of
Python objects: str, int, float, datetime), the form an office's workbook arrives in. The
baseline is bench_import.copy_baseline. Medians of `--runs` (default 3); beside the wall time,
the process's CPU time, which a busy machine inflates less (the phase uses one core).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        nice -n 10 .venv/bin/python -m benchmarks.bench_validate [--runs 3] [--scale large]
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd
import psycopg
from psycopg.conninfo import make_conninfo

from backend.demo import generate
from backend.importer import check
from backend.migrate import migrate
from benchmarks.bench_import import copy_baseline
from benchmarks.common import AS_OF, add_scale_argument, server_url


def as_read(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames with Python objects in every cell, as read_workbook returns a workbook."""
    out = {}
    for name, frame in frames.items():
        columns = {}
        for col in frame.columns:
            s = frame[col]
            if pd.api.types.is_datetime64_any_dtype(s):
                cells = [None if pd.isna(v) else v.to_pydatetime() for v in s]
            else:
                cells = [None if v is None or v != v else v for v in s.tolist()]
            columns[col] = pd.Series(cells, index=frame.index, dtype=object)
        out[name] = pd.DataFrame(columns, index=frame.index)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    add_scale_argument(ap)
    ap.add_argument("--cells", choices=("typed", "excel"), default="typed")
    ap.add_argument("--database", default="fieldsales_bench_validate", help="made and dropped")
    args = ap.parse_args()
    frames = generate(args.scale, seed=42, as_of=AS_OF)
    lines = len(frames["shipments"])
    rows = sum(len(f) for f in frames.values())
    raw = as_read(frames) if args.cells == "excel" else frames
    checks, cpu, copies = [], [], []
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute(f"drop database if exists {args.database} with (force)")
        admin.execute(f"create database {args.database}")
        try:
            url = make_conninfo(server_url(), dbname=args.database)
            with psycopg.connect(url, autocommit=True) as conn:
                migrate(conn)
                for _ in range(args.runs):
                    t0, c0 = time.perf_counter(), time.process_time()
                    check(conn, raw)
                    checks.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                    copies.append(copy_baseline(conn, frames))
        finally:
            admin.execute(f"drop database if exists {args.database} with (force)")
    med = statistics.median
    print(f"validate the {args.scale} demo ({rows:,} rows, {lines:,} shipment lines, "
          f"{args.cells} cells), median of {args.runs}:")  # fmt: skip
    print(f"  check()  {med(checks):8.2f} s   ({', '.join(f'{t:.2f}' for t in checks)}); "
          f"its own CPU time {med(cpu):.2f} s")  # fmt: skip
    print(f"  baseline: COPY of the {lines:,} shipment rows into an unindexed table "
          f"{med(copies):.2f} s")  # fmt: skip
    print(f"  validate is {med(checks) / med(copies):.1f}x the COPY, "
          f"{lines / med(checks):,.0f} shipment lines per second")  # fmt: skip


if __name__ == "__main__":
    main()
