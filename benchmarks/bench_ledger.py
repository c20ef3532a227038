"""The dealer ledger at scale (issue 9): the monthly report of the whole company and of one area,
and one dealer's ledger (what the app shows when a manager opens it), on the large demo.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.bench_ledger [--runs N] [--scale large|national]

Data: `large_database()` (800 dealers, ~19,200 outlets, ~1 M shipment lines), month = the
benchmark's as-of month. Times are wall-clock medians on a warm connection.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import psycopg

from backend.reports_monthly import monthly_report
from benchmarks.common import AS_OF, add_scale_argument, scale_database, timed


def main() -> None:
    """Print the medians."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    add_scale_argument(ap)
    args = ap.parse_args()
    url = scale_database(args.scale)
    month = f"{AS_OF:%Y-%m}"
    with psycopg.connect(url, autocommit=True) as conn, tempfile.TemporaryDirectory() as tmp:
        dealers, lines = conn.execute(
            "select (select count(*) from customers where tier = 1),"
            " (select count(*) from shipments)"
        ).fetchone()
        area = conn.execute(
            "select a.code from areas a join customers c on c.area_id = a.id"
            " where c.tier = 1 group by a.code order by count(*) desc limit 1"
        ).fetchone()[0]
        busiest = conn.execute(
            "select customer_id from shipments where seller_id is null"
            " group by customer_id order by count(*) desc limit 1"
        ).fetchone()[0]
        print(f"scale: {dealers:,} dealers, {lines:,} shipment lines; month {month}")
        out = Path(tmp) / "report.xlsx"
        counts: dict[str, int] = {}

        def report(area_code: str | None = None) -> None:
            counts.update(monthly_report(conn, month, out, area_code))

        med, runs = timed(report, args.runs)
        print(f"monthly report, whole company: {med * 1000:8.1f} ms  (runs: "
              f"{', '.join(f'{t * 1000:.0f}' for t in runs)})  rows {counts}")  # fmt: skip
        med, runs = timed(lambda: report(area), args.runs)
        print(f"monthly report, area {area}:     {med * 1000:8.1f} ms  (runs: "
              f"{', '.join(f'{t * 1000:.0f}' for t in runs)})")  # fmt: skip

        def ledger() -> None:
            conn.execute(
                "select * from public.dealer_ledger(%s, %s)", (busiest, AS_OF.year)
            ).fetchall()

        med, runs = timed(ledger, max(args.runs, 20))
        print(f"dealer_ledger, busiest dealer, 12 months: {med * 1000:6.1f} ms  (min "
              f"{min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})")  # fmt: skip

        def lines_() -> None:
            conn.execute(
                "select * from public.dealer_ledger_lines(%s, %s)", (busiest, AS_OF.replace(day=1))
            ).fetchall()

        med, runs = timed(lines_, max(args.runs, 20))
        print(f"dealer_ledger_lines, one month:           {med * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
