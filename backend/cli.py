"""The `fieldsales` command: database, import, demo."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg

from backend import clock
from backend.geocode_cli import add_parser as add_geocode_parser
from backend.ledger_cli import add_parser as add_ledger_parser
from backend.map_cli import add_parser as add_map_parser
from backend.notify_cli import add_parser as add_notify_parser
from backend.photos_cli import add_parser as add_photos_parser
from backend.route_cli import add_parser as add_route_parser
from backend.users_cli import add_parser as add_users_parser
from backend.visits_cli import add_parser as add_visits_parser
from backend.warnings_cli import add_parser as add_warnings_parser
from fieldapp.errors import FieldSalesError, InvalidInput

if TYPE_CHECKING:
    import pandas as pd

    from backend.progress import Phases

_MAX_PROBLEMS_SHOWN = 1000
SCALES = ("default", "large", "national")
SCALE_HELP = (
    "default: 600 outlets; large: ~20,000 outlets, ~1 M shipment lines; national (for benchmarks,"
    " takes minutes): ~100,000 outlets, 2,000 dealers, 300 reps, ~5 M lines over 24 months"
)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 error, 2 bad input)."""
    args = _parser().parse_args(argv)
    try:
        clock.freeze_sessions()  # FIELDSALES_NOW: every connection's calendar reads it too
        return args.run(args)
    except FieldSalesError as exc:
        problems = getattr(exc, "problems", [])
        for p in problems[:_MAX_PROBLEMS_SHOWN]:
            print(p, file=sys.stderr)
        if len(problems) > _MAX_PROBLEMS_SHOWN:
            rest = len(problems) - _MAX_PROBLEMS_SHOWN
            print(f"…另有 {rest} 个问题 | … and {rest} more", file=sys.stderr)
        print(exc.one_line(), file=sys.stderr)
        return 2 if problems else 1
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"数据库错误 | database error: {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="fieldsales", description="销售通 FieldSales")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    db = sub.add_parser("db", help="database tasks").add_subparsers(required=True, metavar="TASK")
    mig = db.add_parser("migrate", help="apply pending migrations")
    mig.set_defaults(run=_migrate)
    schema = db.add_parser(
        "schema", help="regenerate supabase/schema/ (the current schema) from the migrations"
    )
    schema.add_argument("--out", type=Path, default=None, help="another folder to write to")
    schema.set_defaults(run=_schema)

    imp = sub.add_parser("import", help="import an Excel workbook (validates everything first)")
    imp.add_argument("workbook", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    imp.set_defaults(run=_import)

    demo = sub.add_parser("demo", help="database + demo data + the app (the main job)")
    demo.add_argument("--no-ui", action="store_true", help="stop once the data is ready")
    demo.add_argument("--desktop", action="store_true", help="open a native window")
    demo.add_argument("--port", type=int, default=8550)
    demo.add_argument("--scale", choices=SCALES, default="default", help=SCALE_HELP)
    demo.add_argument("--seed", type=int, default=42)
    demo.set_defaults(run=_demo)

    wb = sub.add_parser("demo-workbook", help="write the demo workbook to a file")
    wb.add_argument("output", type=Path)
    wb.add_argument("--scale", choices=SCALES, default="default", help=SCALE_HELP)
    wb.add_argument("--seed", type=int, default=42)
    wb.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    wb.set_defaults(run=_demo_workbook)
    add_warnings_parser(sub)
    add_map_parser(sub)
    add_notify_parser(sub)
    add_route_parser(sub)
    add_visits_parser(sub)
    add_ledger_parser(sub)
    add_photos_parser(sub)
    add_users_parser(sub)
    add_geocode_parser(sub)
    return p


def _connect() -> psycopg.Connection:
    from backend.db import connect

    return connect(autocommit=True)


def _migrate(args: argparse.Namespace) -> int:
    from backend.migrate import migrate

    with _connect() as conn:
        done = migrate(conn)
    print(
        f"已应用 {len(done)} 个迁移 | applied {len(done)} migration(s)"
        + "".join(f"\n  {v}" for v in done)
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from backend.schema import SCHEMA_DIR, generate_from_migrations, stale, write

    out = args.out or SCHEMA_DIR
    if out.exists() and not out.is_dir():
        raise InvalidInput(f"--out {out} 不是文件夹", f"--out {out} is not a folder")
    files = generate_from_migrations()
    changed = stale(files, out)
    write(files, out)
    print(
        f"已更新 {len(changed)} 个文件 | {len(changed)} file(s) changed in {out}"
        + "".join(f"\n  {p}" for p in changed)
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from backend.importer import import_workbook
    from backend.migrate import migrate
    from backend.progress import for_cli

    with _connect() as conn, for_cli() as phases:
        with phases.step("migrate"):
            migrate(conn)
        result = import_workbook(conn, args.workbook, dry_run=args.dry_run, progress=phases)
    verb = (
        "校验通过（未写入）| valid (nothing written)" if result.dry_run else "导入完成 | imported"
    )
    print(verb)
    if result.normalised:
        print("已规范化 | normalised:")
        for note in result.normalised:
            print(f"  {note}")
    for sheet, n in result.rows.items():
        if result.dry_run:
            print(f"  {sheet:15} {n:>9} rows")
        else:
            ins, upd = result.inserted.get(sheet, 0), result.updated.get(sheet, 0)
            same = n - ins - upd
            print(f"  {sheet:15} {n:>9} rows  {ins:>9} new  {upd:>9} updated  {same:>9} unchanged")
    if result.warnings is not None:
        changes = result.warnings.changes
        raised = sum(c.action == "raised" for c in changes)
        cleared = sum(c.action == "cleared" for c in changes)
        print(f"预警 | warnings: {raised} raised, {cleared} cleared")
    if not result.dry_run:
        _print_to_geocode()
    return 0


def _print_to_geocode() -> None:
    """Customers imported without a position are kept and listed as 待定位 (to geocode)."""
    with _connect() as conn:
        waiting, with_address = conn.execute(
            "select count(*), count(*) filter (where nullif(btrim(address), '') is not null)"
            " from public.customers where deleted_at is null and lat is null"
        ).fetchone() or (0, 0)
    if waiting:
        print(
            f"待定位 | to geocode: {waiting} customer(s) without a position, {with_address} with"
            " an address — `fieldsales geocode` places them"
        )


def _demo(args: argparse.Namespace) -> int:
    from backend import clock
    from backend.demo_dealers import seed_dealer_demo
    from backend.demo_meetings import seed_meetings_demo
    from backend.demo_plans import seed_today_plans
    from backend.demo_support import seed_support_demo
    from backend.importer import import_frames
    from backend.migrate import migrate
    from backend.progress import for_cli
    from backend.risk import classify, evaluate
    from backend.summary import database_summary

    if args.desktop:
        _require_desktop()
    started = time.perf_counter()
    with _connect() as conn, for_cli() as phases:
        with phases.step("migrate"):
            migrate(conn)
        if conn.execute("select not exists (select from public.customers)").fetchone()[0]:
            print("正在生成并导入演示数据 | generating and importing demo data …", flush=True)
            today = clock.today(conn)
            frames = _generate(phases, args.scale, args.seed, today)
            import_frames(conn, frames, evaluate=False, progress=phases)
            with phases.step("seed dealer orders and cases"):
                seed_dealer_demo(conn, today, evaluate=False)  # evaluated below, with the rest
            with phases.step("seed support"):
                seed_support_demo(conn, today)  # 辅导支援: planned, done, one area over budget
            with phases.step("seed meetings"):
                seed_meetings_demo(conn, today)  # meetings, decisions (one overdue), feedback
        # grades, quadrants and warnings as of today, so the app and the map are current
        today = clock.today(conn)
        with phases.step("classify"):
            classify(conn, today)
        with phases.step("evaluate"):
            evaluate(conn, today)
        with phases.step("plan today's routes"):
            seed_today_plans(conn, today)  # so that every demo rep's Today has a route
        summary = database_summary(conn)
    print(f"数据已就绪 | data ready in {time.perf_counter() - started:.1f} s")
    for key, n in summary.items():
        print(f"  {key:12} {n:>9}")
    if args.no_ui:
        return 0
    from backend.db import database_url
    from fieldapp.ui.app import run_desktop, serve_web

    if args.desktop:
        run_desktop(summary, database_url=database_url())
        return 0
    print(f"打开 | open http://127.0.0.1:{args.port}/  (Ctrl+C 退出 | to stop)", flush=True)
    serve_web(args.port, summary, open_browser=_has_browser(), database_url=database_url())
    return 0


def _require_desktop() -> None:
    """The native window needs the flet-desktop client and a display; say so before any work."""
    import importlib.util
    import os

    from fieldapp.errors import FieldSalesError

    if importlib.util.find_spec("flet_desktop") is None:
        raise FieldSalesError(
            "未安装桌面客户端：请运行 pip install flet-desktop，或去掉 --desktop 使用网页版",
            "the desktop client is not installed: pip install flet-desktop, or drop --desktop"
            " to use the web app",
        )
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise FieldSalesError(
            "没有可用的显示器，无法打开桌面窗口；请去掉 --desktop 使用网页版",
            "no display to open a window on; drop --desktop to use the web app",
        )


def _has_browser() -> bool:
    import os

    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and any(
        shutil.which(b) for b in ("xdg-open", "chromium", "firefox", "google-chrome")
    )


def _generate(
    phases: Phases, scale: str, seed: int, as_of: dt.date | None
) -> dict[str, pd.DataFrame]:
    """The demo's frames, generated as a phase."""
    from backend.demo import generate

    with phases.step("generate") as s:
        frames = generate(scale, seed=seed, as_of=as_of)
        s.advance(sum(len(f) for f in frames.values()))
    return frames


def _demo_workbook(args: argparse.Namespace) -> int:
    from backend.demo_workbook import workbook_paths, workbooks, write_workbook
    from backend.progress import for_cli

    with for_cli() as phases:
        books = workbooks(_generate(phases, args.scale, args.seed, args.as_of))
        paths = workbook_paths(args.output, len(books))
        for book, path in zip(books, paths, strict=True):
            write_workbook(book, path, phases)
    for book, path in zip(books, paths, strict=True):
        print(f"已写入 | written {path} ({sum(len(f) for f in book.values())} rows)")
    if len(books) > 1:
        print(
            "发货明细超出 Excel 单表行数上限，已按月分到多个工作簿，请逐个导入"
            " | the shipments outgrow one Excel sheet: split by month over the workbooks above,"
            " import each of them"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
