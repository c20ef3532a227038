"""`fieldsales report visits --week W [--area A] -o FILE.xlsx`: plan versus actual in Excel."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    """Add `report visits` to the CLI, sharing `report` if another module already added it."""
    report = sub.choices.get("report") or sub.add_parser(
        "report", help="reports as Excel workbooks"
    )
    for action in report._actions:
        if isinstance(action, argparse._SubParsersAction):
            add_report_subcommand(action)
            return
    add_report_subcommand(report.add_subparsers(required=True, metavar="TASK"))


def add_report_subcommand(report_sub: Any) -> None:
    """Add `visits` to an existing `report` subparsers object."""
    visits = report_sub.add_parser(
        "visits",
        help="plan versus actual of a week, per rep and for the team",
        description="Per rep of the week: planned stops (approved plans), done, missed, pending, "
        "unplanned visits, off-site check-ins, average visit duration; and a team sheet.",
    )
    visits.add_argument(
        "--week",
        required=True,
        metavar="YYYY-Www|YYYY-MM-DD",
        help="ISO week (2026-W49) or a date in the week",
    )
    visits.add_argument("--area", metavar="CODE", help="only reps of this area and areas below")
    visits.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    visits.set_defaults(run=run_visits)


def run_visits(args: argparse.Namespace) -> int:
    """Write the plan-versus-actual workbook and print one line about it."""
    from backend.db import connect
    from backend.migrate import migrate
    from backend.reports_visits import parse_week, visits_report

    parse_week(args.week)  # a bad week fails before any connection
    with connect(autocommit=True) as conn:
        migrate(conn)
        rows = visits_report(conn, args.week, args.output, args.area)
    print(f"已写入 | written {args.output} ({len(rows)} reps)")
    return 0
