"""The monthly report's queries, whole company, per sheet (issue 20: the report under 1 s at
national scale), beside their baseline measured in the same run: the same report with the
per-line definitions the summaries replaced (receivables ageing over every billed line,
20261201120000; purchases by product over every line; plan against actual taking its dealers
one by one from every customer in scope) created inside a transaction that is rolled back, so the
database is left as it was. The report's own queries (the dealers' month, the distribution
targets) are the current ones in both.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_report_sheets [--runs 3] [--scale large|national]

Medians of --runs, the two versions alternating. Builds the benchmark database when missing.
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections import defaultdict
from pathlib import Path

import psycopg

from backend.progress import Phases
from backend.reports_monthly import report_frames
from benchmarks.common import AS_OF, add_scale_argument, scale_database

MIGRATIONS = Path(__file__).resolve().parent.parent / "supabase" / "migrations"
BEFORE = "20261201120000_figures.sql"  # the per-line definitions
REPLACED = ("public.receivables_ageing", "private.purchases", "public.monthly_plan_actual")


def _before_sql() -> list[str]:
    """The replaced functions as the figures migration defined them."""
    text = (MIGRATIONS / BEFORE).read_text(encoding="utf-8")
    out = []
    for name in REPLACED:
        m = re.search(rf"create or replace function {re.escape(name)}\(.*?\n\$\$;", text, re.S)
        assert m, name
        out.append(m.group(0))
    return out


def _sheets(conn: psycopg.Connection) -> dict[str, float]:
    phases = Phases()
    report_frames(conn, AS_OF.replace(day=1), None, phases)
    return {t.name.removeprefix("query "): t.seconds for t in phases.times}


def main() -> None:
    """Print per-sheet medians, after and before."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    add_scale_argument(ap)
    args = ap.parse_args()
    url = scale_database(args.scale)
    before_sql = _before_sql()
    times: dict[str, dict[str, list[float]]] = {
        "after": defaultdict(list),
        "before": defaultdict(list),
    }
    with psycopg.connect(url) as conn:
        dealers, lines = conn.execute(
            "select (select count(*) from customers where tier = 1),"
            " (select count(*) from shipments)"
        ).fetchone()
        print(f"{args.scale}: {dealers:,} dealers, {lines:,} shipment lines; month {AS_OF:%Y-%m}")
        _sheets(conn)  # warm the caches once
        conn.rollback()
        for _ in range(args.runs):
            for name, sheets in _sheets(conn).items():
                times["after"][name].append(sheets)
            conn.rollback()
            for sql in before_sql:
                conn.execute(sql)
            for name, sheets in _sheets(conn).items():
                times["before"][name].append(sheets)
            conn.rollback()
    print(f"{'sheet':<16}{'before (per line) s':>22}{'after (summaries) s':>22}")
    total = {"after": 0.0, "before": 0.0}
    for name in times["after"]:
        b, a = (statistics.median(times[k][name]) for k in ("before", "after"))
        total["before"] += b
        total["after"] += a
        print(f"{name:<16}{b:>22.3f}{a:>22.3f}")
    print(f"{'all queries':<16}{total['before']:>22.3f}{total['after']:>22.3f}   target < 1 s")


if __name__ == "__main__":
    main()
