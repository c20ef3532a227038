"""`fieldsales export`, `fieldsales report monthly`, `fieldsales contract print` (wired in by
backend.cli with `add_parser(sub)`)."""

from __future__ import annotations

import argparse
from pathlib import Path


def _tasks(
    sub: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The sub-commands of `name`, shared with other modules that add tasks to it."""
    parser = sub.choices.get(name) or sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(required=True, metavar="TASK")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `export WORKBOOK.xlsx`, `report monthly ...` and `contract print ...` to the CLI."""
    exp = sub.add_parser(
        "export",
        help="write the whole database as an importable workbook",
        description="Every sheet the importer reads (English headers, natural keys), so that "
        "export then import round-trips exactly.",
    )
    exp.add_argument("workbook", type=Path, help="the .xlsx file to write")
    exp.set_defaults(run=run_export)

    monthly = _tasks(sub, "report", "reports as Excel workbooks").add_parser(
        "monthly",
        help="plan vs actual, receivables ageing and expenses vs budget for a month",
    )
    monthly.add_argument("--month", required=True, help="YYYY-MM")
    monthly.add_argument("--area", help="area code (includes its sub-areas)")
    monthly.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx to write")
    monthly.set_defaults(run=run_monthly)

    cp = _tasks(sub, "contract", "contracts").add_parser(
        "print", help="the print-ready contract as PDF or HTML"
    )
    cp.add_argument("contract_no", metavar="CONTRACT_NO")
    cp.add_argument("-o", "--output", type=Path, required=True, help="a .pdf or .html file")
    cp.set_defaults(run=run_contract_print)


def run_export(args: argparse.Namespace) -> int:
    """Export the database and print the rows per sheet."""
    from backend.db import connect
    from backend.ledger_export import export_workbook
    from backend.progress import for_cli

    with connect(autocommit=True) as conn, for_cli() as phases:
        counts = export_workbook(conn, args.workbook, phases)
    lines = "\n".join(f"  {name:<15}{n:>10,}" for name, n in counts.items())
    print(f"已导出 | exported {args.workbook}\n{lines}")
    return 0


def run_monthly(args: argparse.Namespace) -> int:
    """Write the monthly report and print the rows per sheet."""
    from backend.db import connect
    from backend.progress import for_cli
    from backend.reports_monthly import monthly_report, parse_month

    parse_month(args.month)  # a bad month fails before connecting
    with connect(autocommit=True) as conn, for_cli() as phases:
        counts = monthly_report(conn, args.month, args.output, args.area, phases)
    lines = "\n".join(f"  {name:<22}{n:>8,}" for name, n in counts.items())
    print(f"已写入 | written {args.output}\n{lines}")
    return 0


def run_contract_print(args: argparse.Namespace) -> int:
    """Write the contract document."""
    from backend.contract_doc import write_contract
    from backend.db import connect

    with connect(autocommit=True) as conn:
        path = write_contract(conn, args.contract_no, args.output)
    print(f"已写入 | written {path}")
    return 0
