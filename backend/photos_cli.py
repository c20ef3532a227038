"""`fieldsales photos move-backlog [--dry-run]`, `fieldsales photos verify` and `fieldsales photos
prune [--older-than-days N] [--dry-run]`: photo files between the database and storage (the work
is in backend/photos.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn


class _BilingualParser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line in Chinese and English, and an unknown one is
    refused here (not left to the top-level parser)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 参数有误 | invalid arguments: {message}\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"不认识的参数 | unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"天数须为整数 | days must be a whole number: {text!r}"
        ) from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"天数不能为负 | days must be 0 or more: {days}")
    return days


def add_parser(sub: Any) -> None:
    """Add `photos move-backlog`, `photos verify` and `photos prune` to the CLI."""
    photos = sub.add_parser("photos", help="photo files in storage (Supabase Storage or folder)")
    tasks = photos.add_subparsers(required=True, metavar="TASK", parser_class=_BilingualParser)
    move = tasks.add_parser(
        "move-backlog",
        help="copy the photo bytes kept in the database before photo storage to storage",
        description="For each row of private.photo_file_backlog: write the bytes at the photo's"
        " storage path, check size and SHA-256, then delete the row (one photo at a time;"
        " rerunning continues). Storage: Supabase Storage when SUPABASE_URL and"
        " SUPABASE_SERVICE_ROLE_KEY are set, else the folder FIELDAPP_PHOTO_STORE.",
    )
    move.add_argument("--dry-run", action="store_true", help="list what would move, write nothing")
    move.set_defaults(run=run_move_backlog)
    check = tasks.add_parser(
        "verify",
        help="check the bytes of every stored photo file",
        description="Reads every stored file that a photo_files row points at and checks its"
        " size, SHA-256 and that it is an image of the recorded type by its first bytes (a"
        " client that bypasses the app can store other bytes). Lists the files that fail and"
        " exits 1; changes nothing.",
    )
    check.set_defaults(run=run_verify)
    prune = tasks.add_parser(
        "prune",
        help="remove the stored files of photos that are gone",
        description="Removes storage objects without a photo_files row, and those of photos"
        " deleted more than N days ago (company clock) together with their photo_files rows."
        " A file that a live photo_files row points at is never removed.",
    )
    prune.add_argument(
        "--older-than-days",
        type=_days,
        default=30,
        metavar="N",
        help="keep the files of photos deleted less than N days ago (default 30)",
    )
    prune.add_argument("--dry-run", action="store_true", help="list what would go, remove nothing")
    prune.set_defaults(run=run_prune)


def run_move_backlog(args: argparse.Namespace) -> int:
    """Move the backlog; exit 1 when any photo failed (its row is kept)."""
    from backend import photos
    from backend.db import connect

    with connect(autocommit=True) as conn:
        storage = photos.storage_from_env(conn)
        report = photos.move_backlog(conn, storage, dry_run=args.dry_run)
    print(f"存储 | storage: {storage.where}")
    if report.dry_run:
        print(f"将移入（未写入）| would move (nothing written): {len(report.planned)}")
        for photo_id, path, size in report.planned:
            print(f"  {photo_id}  {path}  {size} B")
    else:
        print(f"已移入 | moved: {len(report.moved)}")
        print(f"已在存储中 | already there: {len(report.already)}")
    print(f"失败 | failed: {len(report.failed)}")
    for f in report.failed:
        print(f"  {f.photo_id}  {f.storage_path}: {f.reason_zh} | {f.reason_en}")
    return 1 if report.failed else 0


def run_verify(args: argparse.Namespace) -> int:
    """Verify the stored files; exit 1 when any is not what photo_files says."""
    from backend import photos
    from backend.db import connect

    with connect(autocommit=True) as conn:
        storage = photos.storage_from_env(conn)
        report = photos.verify(conn, storage)
    print(f"存储 | storage: {storage.where}")
    print(f"已检查 | checked: {report.checked}")
    print(f"不符 | not as recorded: {len(report.bad)}")
    for f in report.bad:
        print(f"  {f.photo_id}  {f.storage_path}: {f.reason_zh} | {f.reason_en}")
    return 1 if report.bad else 0


def run_prune(args: argparse.Namespace) -> int:
    """Prune the store and print the counts."""
    from backend import photos
    from backend.db import connect

    with connect(autocommit=True) as conn:
        storage = photos.storage_from_env(conn)
        report = photos.prune(
            conn, storage, older_than_days=args.older_than_days, dry_run=args.dry_run
        )
    verb = "将删除（未删除）| would remove" if report.dry_run else "已删除 | removed"
    print(f"存储 | storage: {storage.where}")
    print(f"存储中的文件 | files in storage: {report.listed}")
    print(f"{verb} 无记录的文件 | files without a photo row: {len(report.orphans)}")
    for path in report.orphans:
        print(f"  {path}")
    print(
        f"{verb} 已删除超过 {args.older_than_days} 天的照片 | photos deleted over"
        f" {args.older_than_days} days ago: {len(report.expired)}"
        f"（文件 files {report.objects_removed - len(report.orphans)}，"
        f"photo_files 行 rows {report.rows_deleted}）"
    )
    for photo_id, path in report.expired:
        print(f"  {photo_id}  {path}")
    return 0
