"""Each column's distinct cells are read once (backend/importer/distinct.py), yet every cell is
typed, every bad row named and every normalised cell counted as if read one by one."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backend.importer.distinct import all_within, distinct
from backend.importer.spec import SHEETS_BY_NAME
from backend.importer.validate import Validator


def _cells(sheet: str, **columns: list) -> tuple[pd.DataFrame, Validator]:
    v = Validator()
    frame = pd.DataFrame({k: pd.Series(c, dtype=object) for k, c in columns.items()})
    return v.cells(SHEETS_BY_NAME[sheet], frame), v


def _problems(v: Validator) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.en) for p in v.problems]


def test_equal_cells_of_different_types_stay_distinct() -> None:
    column = pd.Series([1, 1.0, "1", True, 1, True], dtype=object)
    cells = distinct(column)
    assert [type(x) for x in cells.values] == [int, float, str, bool]
    assert cells.codes.tolist() == [0, 1, 2, 3, 0, 3]
    assert cells.weights.tolist() == [2, 1, 1, 2]
    # a text column reads each as itself: True is not taken for 1
    out, v = _cells("products", name=[1, 1.0, "1", True, 2.5, False])
    assert out["name"].tolist() == ["1", "1", "1", "True", "2.5", "False"]
    assert not v.problems
    out, v = _cells("products", active=[1, 1.0, "1", True, 0, "no"])
    assert out["active"].tolist() == [True, True, True, True, False, False]


def test_the_normalisation_report_counts_every_repeated_cell() -> None:
    _, v = _cells(
        "shipments",
        sku=[" S01", " S01", "Ｓ０２", " S01", "Ｓ０２", "S03"],
        unit_price=["1,200", "1,200", "1,200", "7", 7, "7"],
        shipped_on=["2025/8/5", "2025/8/5", "2025年8月5日", "2025/8/5", 45874, 45874],
    )
    counts = {(n.column, n.kind): n.count for n in v.normalised()}
    assert counts == {
        ("sku", "trimmed"): 3,
        ("sku", "full_width"): 2,
        ("unit_price", "thousands"): 3,
        ("shipped_on", "date_text"): 3,
        ("shipped_on", "date_chinese"): 1,
        ("shipped_on", "excel_serial"): 2,
    }


def test_a_bad_value_repeated_is_a_problem_on_each_of_its_rows() -> None:
    out, v = _cells(
        "shipments",
        quantity=["many", 3, "many", 4, "many", 0],
        shipped_on=["1/2/2026", "2026-01-02", "1/2/2026", "2026-01-02", "2026-01-02", "1/2/2026"],
        sku=["S-1", "S 1", "S-1", "S 1", "S-1", "S 1"],
    )
    assert [p for p in _problems(v) if p[1] == "quantity"] == [
        (2, "quantity", 'must be a number: "many"'),
        (4, "quantity", 'must be a number: "many"'),
        (6, "quantity", 'must be a number: "many"'),
        (7, "quantity", "must be above 0"),
    ]
    dates = [
        (r, en.startswith("ambiguous date"), en[-10:])
        for r, c, en in _problems(v)
        if c == "shipped_on"
    ]
    assert dates == [(r, True, '"1/2/2026"') for r in (2, 4, 7)]
    assert [p[0] for p in _problems(v) if p[1] == "sku"] == [3, 5, 7]
    assert out["quantity"].tolist() == [None, 3, None, 4, None, 0]
    day = dt.date(2026, 1, 2)
    assert out["shipped_on"].tolist() == [None, day, None, day, day, None]


def test_blank_and_whitespace_cells_are_blank_as_before() -> None:
    out, v = _cells(
        "products",
        sku=["P1", None, "", "   ", float("nan"), " P2 "],
        variety=["  ", "甲", None, "\t", "", "乙 "],
        unit_price=[" ", 5, None, "", 6.5, "7"],
    )
    assert out["sku"].tolist() == ["P1", None, None, None, None, "P2"]
    assert out["variety"].tolist() == [None, "甲", None, None, None, "乙"]
    assert out["unit_price"].tolist() == [None, 5.0, None, None, 6.5, 7.0]
    missing = "required value is missing"
    assert [(r, c) for r, c, en in _problems(v) if en == missing] == [
        (3, "sku"), (4, "sku"), (5, "sku"), (6, "sku"),
        (2, "unit_price"), (4, "unit_price"), (5, "unit_price"),
    ]  # fmt: skip
    assert len(v.problems) == 7
    # spaces around a value are trimmed and counted; a cell of spaces only is blank, not trimmed
    counts = {(n.column, n.kind): n.count for n in v.normalised()}
    assert counts == {("sku", "trimmed"): 1, ("variety", "trimmed"): 1}


def test_plain_codes_are_recognised_at_once_and_anything_else_is_read_one_by_one() -> None:
    chars = "A-Za-z0-9_.-"
    assert all_within(pd.Series(["D001", "s_2.b-3", "x" * 32], dtype=object), chars, 32)
    for odd in (["D001", "Ｄ００１"], ["D 1"], ["D1\nD2"], ["x" * 33], ["D1", 1], ["D1", None]):
        assert not all_within(pd.Series(odd, dtype=object), chars, 32), odd
    out, v = _cells("shipments", doc_no=["A1", "Ｄ００１", "B2", "A1"])
    assert out["doc_no"].tolist() == ["A1", "D001", "B2", "A1"]
    assert [(n.column, n.kind, n.count) for n in v.normalised()] == [("doc_no", "full_width", 1)]


def test_typed_columns_and_whole_numbers_read_as_before() -> None:
    v = Validator()
    frame = pd.DataFrame(
        {
            "quantity": pd.Series([3, 0, 3, 2_000_000], dtype="int64"),
            "unit_price": pd.Series([12, 12.0, 12.5, None], dtype=object),  # Excel's ints, floats
            "shipped_on": pd.to_datetime(["2026-01-02", "2026-01-02", None, "2025-12-31"]),
            "doc_no": pd.Series([12, 12.0, "12", None], dtype=object),
        }
    )
    out = v.cells(SHEETS_BY_NAME["shipments"], frame)
    assert out["quantity"].tolist() == [3, 0, 3, 2_000_000]
    assert out["unit_price"].tolist() == [12.0, 12.0, 12.5, None]
    assert [type(x) for x in out["unit_price"][:3]] == [float] * 3
    day = dt.date(2026, 1, 2)
    assert out["shipped_on"].tolist() == [day, day, None, dt.date(2025, 12, 31)]
    assert out["doc_no"].tolist() == ["12", "12", "12", None]
    assert [(p.row, p.column, p.en) for p in v.problems] == [
        (5, "doc_no", "required value is missing"),
        (4, "shipped_on", "required value is missing"),
        (3, "quantity", "must be above 0"),
        (5, "quantity", "must be at most 1e+06"),
        (5, "unit_price", "required value is missing"),
    ]
