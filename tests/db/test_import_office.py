"""Workbooks as offices keep them: the example workbook re-saved with a title row, a total row,
full-width codes, spaces, thousands separators, ¥, text dates and Excel serials imports to the
same database as the clean one, and the report counts each change; ambiguity is still refused."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from backend.importer import ImportFailed, ImportResult, import_frames, read_workbook
from backend.importer.spec import SHEETS_BY_NAME
from backend.ledger_export import export_frames
from tests.conftest import ROOT

EXAMPLE = ROOT / "docs" / "example-workbook.xlsx"
Key = tuple[str, str | None, str]
# the customers' codes as typed on a full-width keyboard; other codes keep a trailing space
_WIDE_CODES = {"code", "customer_code", "parent_code", "seller_code", "area_code"}
_DATE_FORMS = ("slash", "chinese", "serial")


@pytest.fixture
def other_conn(server_url: str, template_db: str) -> Iterator[psycopg.Connection]:
    """A second fresh database, to import the clean workbook beside the office one."""
    name = f"fieldsales_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    try:
        with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as c:
            yield c
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def _wide(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _office_cell(sheet: str, name: str, kind: str, value: object, n: int) -> tuple[object, list]:
    """The value as an office would type it, and the kinds of change the importer should count."""
    if (
        kind in ("decimal", "int")
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        text = f"{value:,.2f}" if kind == "decimal" else f"{int(value):,}"
        kinds = ["thousands"] if "," in text else []
        if (sheet, name) == ("payments", "amount"):
            return f"￥{text}", [*kinds, "currency", "full_width"]
        if (sheet, name) == ("expenses", "amount"):
            return f"¥ {text}", [*kinds, "currency"]
        if (sheet, name) == ("budgets", "amount"):
            return f"{text}元", [*kinds, "currency"]
        return text, kinds
    if kind in ("date", "month") and isinstance(value, dt.datetime):
        d = value.date()
        if kind == "month":
            return f"{d.year}年{d.month}月", ["date_chinese"]
        form = _DATE_FORMS[n % len(_DATE_FORMS)]
        if form == "slash":
            return f"{d.year}/{d.month}/{d.day}", ["date_text"]
        if form == "chinese":
            return f"{d.year}年{d.month}月{d.day}日", ["date_chinese"]
        return (d - dt.date(1899, 12, 30)).days, ["excel_serial"]
    if kind == "code" and isinstance(value, str):
        if name in _WIDE_CODES:
            return _wide(value), ["full_width"]
        return f"{value} ", ["trimmed"]
    if kind == "email" and isinstance(value, str):
        return f" {value}", ["trimmed"]
    return value, []


def _office(src: Path, dst: Path) -> Counter[Key]:
    """Re-save src the way a sales office keeps its workbook; the changes the report should list."""
    wb = openpyxl.load_workbook(src)
    expect: Counter[Key] = Counter()
    for s, ws in enumerate(wb):
        sheet = SHEETS_BY_NAME[ws.title]
        headers = [c.value for c in ws[1]]
        for j, header in enumerate(headers, start=1):
            col = sheet.col(header)
            for i in range(2, ws.max_row + 1):
                cell = ws.cell(row=i, column=j)
                value, kinds = _office_cell(sheet.name, col.name, col.kind, cell.value, s + i)
                cell.value = value
                if isinstance(value, int) and col.kind == "date":
                    cell.number_format = "General"
                for kind in kinds:
                    expect[(sheet.name, col.name, kind)] += 1
        ws.insert_rows(1)
        ws["A1"] = f"华东食品有限公司 {sheet.zh}表 2026年11月"
        expect[(sheet.name, None, "header_row")] += 1
        if sheet.name in ("shipments", "payments"):
            if sheet.name == "shipments":
                ws.append([])  # a blank row before the total, as people leave one
            ws.append(["合计"] + [None] * (len(headers) - 1))
            expect[(sheet.name, None, "total_row")] += 1
    wb.save(dst)
    return expect


def _report(result: ImportResult) -> Counter[Key]:
    return Counter({(n.sheet, n.column, n.kind): n.count for n in result.normalised})


def _same_database(a: psycopg.Connection, b: psycopg.Connection) -> None:
    left, right = export_frames(a), export_frames(b)
    assert sum(len(f) for f in left.values()) > 20
    for name, frame in left.items():
        pd.testing.assert_frame_equal(frame, right[name], obj=name)


def test_an_office_workbook_imports_as_the_clean_one(
    conn: psycopg.Connection, other_conn: psycopg.Connection, tmp_path: Path
) -> None:
    office = tmp_path / "office.xlsx"
    expect = _office(EXAMPLE, office)
    clean = import_frames(other_conn, read_workbook(EXAMPLE), evaluate=False)
    assert clean.normalised == []
    result = import_frames(conn, read_workbook(office), evaluate=False)
    _same_database(conn, other_conn)
    assert result.rows == clean.rows and result.inserted == clean.inserted
    assert _report(result) == expect
    kinds = {kind for _, _, kind in expect}
    assert kinds >= {"header_row", "total_row", "full_width", "trimmed", "thousands", "currency"}
    assert kinds >= {"date_text", "date_chinese", "excel_serial"}
    assert all(str(n) and "|" in str(n) for n in result.normalised)  # bilingual lines


def test_the_office_form_of_an_imported_workbook_changes_nothing(
    conn: psycopg.Connection, tmp_path: Path
) -> None:
    office = tmp_path / "office.xlsx"
    expect = _office(EXAMPLE, office)
    import_frames(conn, read_workbook(EXAMPLE), evaluate=False)
    dry = import_frames(conn, read_workbook(office), dry_run=True, evaluate=False)
    assert dry.dry_run and _report(dry) == expect  # a dry run reports them too
    again = import_frames(conn, read_workbook(office), evaluate=False)
    assert sum(again.inserted.values()) == 0 and sum(again.updated.values()) == 0


def _counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = ("areas", "customers", "products", "shipments", "payments")
    return {t: conn.execute(f"select count(*) from public.{t}").fetchone()[0] for t in tables}


def _edit(path: Path, sheet: str, row: int, column: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=row, column=headers.index(column) + 1, value=value)
    cell.number_format = "General"  # a number, as typed into a cell nobody formatted
    wb.save(path)


def test_ambiguous_values_and_a_total_row_among_the_data_are_refused(
    conn: psycopg.Connection, tmp_path: Path
) -> None:
    path = tmp_path / "ambiguous.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    _edit(path, "shipments", 2, "shipped_on", "1/2/2026")  # January or February?
    _edit(path, "payments", 2, "amount", "1,20")  # not thousands: 1.20 or 120?
    _edit(path, "expenses", 2, "amount", 45.5)
    _edit(path, "contract_lines", 2, "quantity", "¥1,000")  # a sign of money on boxes
    _edit(path, "returns", 2, "decided_on", 45308.5)  # a serial with a time of day
    wb = openpyxl.load_workbook(path)
    ws = wb["shipments"]
    ws.insert_rows(3)  # a 合计 between the two shipments
    ws["A3"] = "合计"
    wb.save(path)
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, read_workbook(path), evaluate=False)
    problems = {(p.sheet, p.row, p.column): p for p in failed.value.problems}
    date = problems[("shipments", 2, "shipped_on")]
    assert "1/2/2026" in date.zh and "1/2/2026" in date.en and "YYYY-MM-DD" in date.en
    assert "年-月-日" in date.zh
    assert "1,20" in problems[("payments", 2, "amount")].en
    assert "¥1,000" in problems[("contract_lines", 2, "quantity")].zh
    assert ("returns", 2, "decided_on") in problems
    total = problems[("shipments", 3, None)]
    assert "合计" in total.zh and "total" in total.en
    assert ("shipments", 4, "doc_no") not in problems  # the row below keeps its number
    assert all(n == 0 for n in _counts(conn).values())


def test_a_title_row_keeps_the_problem_rows_where_excel_shows_them(
    conn: psycopg.Connection, tmp_path: Path
) -> None:
    path = tmp_path / "title.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    _edit(path, "customers", 3, "lat", 95)  # the second customer, Excel row 3 ...
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        ws.insert_rows(1, amount=2)  # ... and row 5 below a title and a blank row
        ws["A1"] = "华东食品有限公司 2026年11月"
    wb.save(path)
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, read_workbook(path), evaluate=False)
    assert [(p.sheet, p.row, p.column) for p in failed.value.problems] == [("customers", 5, "lat")]


def test_the_cli_prints_what_it_normalised(db_url: str, tmp_path: Path) -> None:
    office = tmp_path / "office.xlsx"
    _office(EXAMPLE, office)
    run = subprocess.run(
        [sys.executable, "-m", "backend.cli", "import", "--dry-run", str(office)],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": db_url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "normalised" in run.stdout
    assert "[customers / credit_limit] 去掉千位分隔符：1 格 | thousands separators" in run.stdout
    assert "[shipments] 末尾的合计行已跳过：1 行" in run.stdout
    assert "header on row 2" in run.stdout
