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
# the CLI's own "data ready" span (its lazy imports done first), to the millisecond; and the CPU
# seconds of that span, this process's plus its database backend's (/proc, Linux): on a machine
# shared with other work the CPU seconds vary far less than the wall time
_RUN = """
import contextlib, io, os, sys, time
import backend.cli, backend.demo, backend.importer, backend.migrate, backend.risk, backend.summary
import backend.demo_plans
with contextlib.suppress(ImportError):
    import backend.demo_dealers

def backend_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        ticks = f.read().rsplit(")", 1)[1].split()
    return (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")

cpu = []
summary = backend.summary.database_summary
def summarised(conn):  # the demo's last step on its connection: read the backend's CPU there
    out = summary(conn)
    cpu.append(backend_cpu(conn.info.backend_pid))
    return out
backend.summary.database_summary = summarised
started, client = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(io.StringIO()):
    code = backend.cli.main(["demo", "--no-ui"])
print(f"{time.perf_counter() - started:.3f} {time.process_time() - client + sum(cpu):.3f}")
sys.exit(code)
"""


def demo_seconds(root: Path, db: str) -> tuple[float, float]:
    """Seconds to "data ready" of the demo of the checkout at root, on a fresh database db: wall
    time and CPU time (the CLI's and its database backend's)."""
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
        wall, cpu = done.stdout.strip().splitlines()[-1].split()
        return float(wall), float(cpu)
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
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    for _ in range(args.runs):
        for name, root in roots.items():
            times[name].append(demo_seconds(root, f"fieldsales_bench_demo_{name}"))
    for name, root in roots.items():
        wall, cpu = ([t[i] for t in times[name]] for i in (0, 1))
        runs = (
            f"wall {', '.join(f'{t:.2f}' for t in wall)}; CPU {', '.join(f'{t:.2f}' for t in cpu)}"
        )
        print(f"demo data ready, {name:8} ({root}): median {statistics.median(wall):.2f} s wall,"
              f" {statistics.median(cpu):.2f} s CPU  (runs: {runs})")  # fmt: skip


if __name__ == "__main__":
    main()
