"""`fieldsales demo --no-ui` (issue 16, "the demo's extra time"): seconds to "data ready" —
migrations, the generated workbook imported, the dealer demo (orders and after-sales cases)
seeded, grades and warnings evaluated — each run on a fresh database, medians of RUNS runs.
The baseline is the same command from another checkout (e.g. `git worktree add /tmp/demo0
7ee65b5`, the demo before orders and cases were seeded), run alternately in the same session.
Run: python -m benchmarks.bench_demo [--baseline /tmp/demo0] [--runs 3]"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from benchmarks.common import server_url

ROOT = Path(__file__).resolve().parent.parent
# the CLI's own "data ready" span (its lazy imports done first), to the millisecond
_RUN = """
import contextlib, io, sys, time
import backend.cli, backend.demo, backend.importer, backend.migrate, backend.risk, backend.summary
import backend.demo_plans
with contextlib.suppress(ImportError):
    import backend.demo_dealers
started = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    code = backend.cli.main(["demo", "--no-ui"])
print(f"{time.perf_counter() - started:.3f}")
sys.exit(code)
"""


def demo_seconds(root: Path, db: str) -> float:
    """Seconds to "data ready" of the demo of the checkout at root, on a fresh database db."""
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute(f"drop database if exists {db} with (force)")
        admin.execute(f"create database {db}")
    env = os.environ | {
        "PYTHONPATH": str(root),
        "DATABASE_URL": make_conninfo(server_url(), dbname=db),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN], cwd=root, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"the demo of {root} failed:\n{done.stderr}")
        return float(done.stdout.strip().splitlines()[-1])
    finally:
        with psycopg.connect(server_url(), autocommit=True) as admin:
            admin.execute(f"drop database if exists {db} with (force)")


def main() -> None:
    """Time the demo of this checkout (and of the baseline's, alternately); print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    roots = {"current": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    times: dict[str, list[float]] = {name: [] for name in roots}
    for _ in range(args.runs):
        for name, root in roots.items():
            times[name].append(demo_seconds(root, f"fieldsales_bench_demo_{name}"))
    for name, root in roots.items():
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"demo data ready, {name:8} ({root}): median {statistics.median(times[name]):.2f} s"
              f"  (runs {runs})")  # fmt: skip


if __name__ == "__main__":
    main()
