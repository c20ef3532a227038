"""The one path for data in: a workbook (or its frames) is validated whole, then loaded in one
transaction. Demo data, customers' Excel files and test fixtures all come through here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
from psycopg import sql

from backend import clock
from backend.db import end_with_client
from backend.importer.normalize import Normalised
from backend.importer.places import fill_places, prefill
from backend.importer.rules import apply_rules, check_staff_references, staff_emails
from backend.importer.spec import REF_KEYS, SHEETS_BY_NAME
from backend.importer.upsert import area_parents, customer_tiers, existing_keys, load, user_roles
from backend.importer.validate import Problem, Validator, present_values
from backend.progress import Phases
from backend.risk import Evaluation, classify, customers_touched, evaluate_codes
from fieldapp.errors import FieldSalesError

__all__ = [
    "ImportFailed",
    "ImportResult",
    "Problem",
    "import_frames",
    "import_workbook",
    "read_workbook",
]


class ImportFailed(FieldSalesError):
    """The workbook has problems; nothing was written."""

    title_zh = "导入失败，未写入任何数据"
    title_en = "Import failed; nothing was written"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"发现 {len(problems)} 个问题", f"{len(problems)} problem(s) found")


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do): rows per sheet."""

    rows: dict[str, int]
    inserted: dict[str, int]
    updated: dict[str, int]
    dry_run: bool
    warnings: Evaluation | None = None  # re-evaluated for the customers the import touched
    classified: dict[str, Any] | None = None  # quadrants and grades, after the import
    # what was read in an office's form (title row, 66,814.00, 2025/8/5, ...; normalize.py)
    normalised: list[Normalised] = field(default_factory=list)


def read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of an .xlsx file as raw frames (cells as Excel stored them)."""
    if not path.exists():
        raise ImportFailed([Problem(str(path), None, None, "文件不存在", "file not found")])
    try:
        return pd.read_excel(path, sheet_name=None, dtype=object, engine="calamine")
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFailed(
            [
                Problem(
                    path.name,
                    None,
                    None,
                    f"无法读取 Excel 文件：{exc}",
                    f"cannot read as .xlsx: {exc}",
                )
            ]
        ) from exc


def check(
    conn: psycopg.Connection,
    raw: dict[str, pd.DataFrame],
    normalised: list[Normalised] | None = None,
) -> dict[str, pd.DataFrame]:
    """Validate raw sheets against the spec and the database; typed frames or ImportFailed.

    What was normalised on the way is added to `normalised`."""
    v = Validator()
    frames = v.sheets(raw)
    typed = {name: v.cells(SHEETS_BY_NAME[name], frame) for name, frame in frames.items()}
    for name, frame in typed.items():
        v.keys(SHEETS_BY_NAME[name], frame)
    wanted: dict[str, set[str]] = {ref: set() for ref in REF_KEYS}
    for name, frame in typed.items():
        for col in SHEETS_BY_NAME[name].cols:
            if col.ref and col.name in frame:
                wanted[col.ref] |= present_values(frame[col.name])
    for ref, key in REF_KEYS.items():
        if ref in typed and key in typed[ref]:
            wanted[ref] -= present_values(typed[ref][key])
    existing = existing_keys(conn, {k: v_ for k, v_ in wanted.items() if v_})
    v.references(typed, existing)
    parents = (
        set(typed["customers"].get("parent_code", pd.Series(dtype=object)).dropna())
        if "customers" in typed
        else set()
    )
    apply_rules(
        v,
        typed,
        customer_tiers(conn, parents) if parents else {},
        area_parents(conn) if "areas" in typed else None,
    )
    emails = staff_emails(typed)
    check_staff_references(v, typed, user_roles(conn, emails) if emails else {})
    if v.problems:
        order = {name: i for i, name in enumerate(SHEETS_BY_NAME)}
        v.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, p.column or ""))
        raise ImportFailed(v.problems)
    if normalised is not None:
        normalised.extend(v.normalised())
    return typed


def import_frames(
    conn: psycopg.Connection,
    raw: dict[str, pd.DataFrame],
    *,
    dry_run: bool = False,
    evaluate: bool = True,
    as_of: dt.date | None = None,
    progress: Phases | None = None,
) -> ImportResult:
    """Validate and load sheets given as frames, in one transaction; nothing is written on error.

    Unless `evaluate` is off, once the import has committed the customers are classified and
    the warnings of those the import touched are re-evaluated, as of `as_of` (default: the
    company's today), each in its own transaction (docs/warnings.md).

    A killed importer does not leave its statement running on the server (end_with_client).
    Each phase (validate, stage and merge per table, places, classify, evaluate) is timed in
    `progress` (default: silently)."""
    phases = progress or Phases()
    end_with_client(conn)
    with conn.transaction():
        normalised: list[Normalised] = []
        with phases.step("validate", total=sum(len(f) for f in raw.values())) as s:
            typed = check(conn, raw, normalised)
            s.advance(s.total or 0)
        rows = {name: len(frame) for name, frame in typed.items()}
        if dry_run:
            return ImportResult(rows, {}, {}, True, normalised=normalised)
        try:
            if "customers" in typed:  # new customers are inserted with their places
                with phases.step("locate places", total=len(typed["customers"])) as s:
                    typed = {**typed, "customers": prefill(conn, typed["customers"])}
                    s.advance(len(typed["customers"]))
            counts = load(conn, typed, phases)
            if "customers" in typed:  # blank places from the coordinates, offline
                codes = [str(c) for c in typed["customers"]["code"].dropna()]
                with phases.step("places", total=len(codes)) as s:
                    fill_places(conn, codes)
                    s.advance(len(codes))
        except psycopg.Error as exc:
            raise _refused(exc) from exc
    written = [SHEETS_BY_NAME[k].table for k, c in counts.items() if c[0] + c[1]]
    written += [  # and those never analyzed yet (a re-import right after the first import)
        r[0]
        for r in conn.execute(
            "select relname from pg_stat_user_tables where schemaname = 'public'"
            " and relname = any(%s) and coalesce(last_analyze, last_autoanalyze) is null",
            ([SHEETS_BY_NAME[k].table for k in counts if SHEETS_BY_NAME[k].table not in written],),
        )
    ]
    if written:  # fresh statistics: classify planned on a just-filled table took 54 s, not 3 s
        with phases.step("analyze", total=len(written)) as s:
            for table in written:
                conn.execute(sql.SQL("analyze public.{}").format(sql.Identifier(table)))
            conn.execute("analyze private.purchase_days")
            s.advance(len(written))
    evaluation = classified = None
    if evaluate:
        day = as_of or clock.today(conn)
        with phases.step("classify"):
            classified = classify(conn, day)
        touched = customers_touched(typed)
        with phases.step("evaluate", total=len(touched)) as s:
            evaluation = evaluate_codes(conn, touched, day)
            s.advance(len(touched))
    return ImportResult(
        rows,
        {k: c[0] for k, c in counts.items()},
        {k: c[1] for k, c in counts.items()},
        False,
        evaluation,
        classified,
        normalised,
    )


def _refused(exc: psycopg.Error) -> ImportFailed:
    """The database's refusal of a load, as a problem of the sheet whose table refused it."""
    diag = exc.diag
    where = diag.table_name or "?"
    sheet = next((s.name for s in SHEETS_BY_NAME.values() if s.table == where), where)
    detail = diag.message_primary or str(exc)
    return ImportFailed(
        [
            Problem(
                sheet,
                None,
                diag.column_name or diag.constraint_name,
                f"数据库拒绝了数据：{detail}",
                f"the database refused the data: {detail}",
            )
        ]
    )


def import_workbook(
    conn: psycopg.Connection,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Phases | None = None,
) -> ImportResult:
    """Validate and load an .xlsx workbook in one transaction, then classify and evaluate."""
    phases = progress or Phases()
    with phases.step("read workbook") as s:
        raw = read_workbook(path)
        s.advance(sum(len(f) for f in raw.values()))
    return import_frames(conn, raw, dry_run=dry_run, progress=phases)
