"""`fieldsales export`: every sheet the importer reads, from the database, so that export →
import round-trips exactly. The sheet and column list is the importer's spec; nothing else."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import psycopg
from psycopg import sql

from backend.importer.spec import SHEETS, Col, Sheet
from backend.importer.upsert import REF_TABLES
from backend.progress import Phases, Step
from fieldapp.errors import InvalidInput

DATE_FORMAT = "YYYY-MM-DD"
_NO_SOFT_DELETE = {"profiles", "contract_lines"}
# rows a sheet leaves out: a support activity's expense row is made from the 辅导支援 sheet's row
# (docs/figures.md); exporting it too would count the money twice on import (which refuses it)
_LEFT_OUT = {"expenses": "t.support_activity_id is null"}
_CHUNK = 50_000  # rows written to a sheet between two advances of the progress


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to path through a temporary file in the same folder and a rename."""
    _check_folder(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temp_beside(path: Path) -> Path:
    """A fresh temporary file name next to path (same suffix), for writers that need a name."""
    _check_folder(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise InvalidInput(
            f"文件夹不存在：{path.parent}", f"the folder does not exist: {path.parent}"
        )


def _select(col: Col) -> sql.Composable:
    """How one column of a sheet is read from its table: refs become natural keys."""
    if col.ref:
        table, key = REF_TABLES[col.ref]
        return sql.SQL("(select r.{k} from public.{t} r where r.id = t.{c}) as {n}").format(
            k=sql.Identifier(key),
            t=sql.Identifier(table),
            c=sql.Identifier(col.db or col.name),
            n=sql.Identifier(col.name),
        )
    if col.kind == "list":
        return sql.SQL("array_to_string(t.{c}, '、') as {n}").format(
            c=sql.Identifier(col.db or col.name), n=sql.Identifier(col.name)
        )
    if col.kind == "enum" and all(k.isdigit() for k in col.choices):
        return sql.SQL("t.{c}::text as {n}").format(
            c=sql.Identifier(col.db or col.name), n=sql.Identifier(col.name)
        )
    if col.kind == "date" and (col.db or "").endswith("_at"):  # a moment, exported as its day
        return sql.SQL("t.{c}::date as {n}").format(
            c=sql.Identifier(col.db or ""), n=sql.Identifier(col.name)
        )
    return sql.SQL("t.{c} as {n}").format(
        c=sql.Identifier(col.db or col.name), n=sql.Identifier(col.name)
    )


def sheet_frame(conn: psycopg.Connection, sheet: Sheet) -> pd.DataFrame:
    """One sheet as the importer reads it: live rows, English headers, sorted by natural key."""
    query = sql.SQL("select {cols} from public.{t} t where {live} order by {keys}").format(
        cols=sql.SQL(", ").join(_select(c) for c in sheet.cols),
        t=sql.Identifier(sheet.table),
        live=sql.SQL(
            ("t.deleted_at is null" if sheet.table not in _NO_SOFT_DELETE else "true")
            + (f" and {_LEFT_OUT[sheet.name]}" if sheet.name in _LEFT_OUT else "")
        ),
        keys=sql.SQL(", ").join(sql.Identifier(k) for k in sheet.key),
    )
    with conn.cursor() as cur:
        cur.execute(query)
        rows = cur.fetchall()
    frame = pd.DataFrame(rows, columns=[c.name for c in sheet.cols], dtype=object)
    for col in sheet.cols:
        if col.kind in ("int", "decimal", "lat", "lng"):
            frame[col.name] = frame[col.name].map(
                lambda v: None if v is None else (int(v) if float(v).is_integer() else float(v))
            )
    return frame


def export_frames(
    conn: psycopg.Connection, progress: Phases | None = None
) -> dict[str, pd.DataFrame]:
    """Every sheet of the importer's format, from the database (a phase per sheet)."""
    phases = progress or Phases()
    if conn.execute("select to_regclass('public.customers') is null").fetchone()[0]:
        raise InvalidInput(
            "数据库尚未初始化（先运行 fieldsales db migrate）",
            "the database has no schema yet (run fieldsales db migrate)",
        )
    frames = {}
    for sheet in SHEETS:
        with phases.step(f"read {sheet.name}") as s:
            frames[sheet.name] = sheet_frame(conn, sheet)
            s.advance(len(frames[sheet.name]))
    return frames


def write_sheet(xl: pd.ExcelWriter, name: str, frame: pd.DataFrame, step: Step) -> None:
    """Write a frame as one sheet (header, no index) in chunks, counting its rows in step."""
    for start in range(0, max(len(frame), 1), _CHUNK):
        part = frame.iloc[start : start + _CHUNK]
        first = start == 0
        part.to_excel(
            xl, sheet_name=name, index=False, header=first, startrow=0 if first else start + 1
        )
        step.advance(len(part))


def write_frames(
    frames: dict[str, pd.DataFrame], path: Path, progress: Phases | None = None
) -> None:
    """Write one sheet per frame with English headers and Excel dates, atomically."""
    phases = progress or Phases()
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(f"输出文件须为 .xlsx：{path.name}", f"the output must be .xlsx: {path}")
    tmp = temp_beside(path)
    try:
        with (
            pd.ExcelWriter(
                tmp, engine="xlsxwriter", date_format=DATE_FORMAT, datetime_format=DATE_FORMAT
            ) as xl,
            phases.step("write workbook", total=sum(len(f) for f in frames.values())) as s,
        ):
            for name, frame in frames.items():
                out = frame.copy()
                for col in out.columns:  # python dates → Excel dates
                    if out[col].map(lambda v: hasattr(v, "isoformat")).any():
                        out[col] = pd.to_datetime(out[col])
                write_sheet(xl, name, out, s)
                xl.sheets[name].freeze_panes(1, 0)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_workbook(
    conn: psycopg.Connection, path: Path, progress: Phases | None = None
) -> dict[str, int]:
    """Write the whole database as an importable workbook; rows per sheet."""
    frames = export_frames(conn, progress)
    write_frames(frames, path, progress)
    return {name: len(frame) for name, frame in frames.items()}
