"""The desk-size table (fieldapp.ui.widgets.table): rows in the sorted column's order with blanks
last either way, a rank instead of the value, at most MAX_ROWS drawn while the totals row counts
and sums them all, a heading's tap handing back the new sort, a cell's tap opening its row."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft

from fieldapp.ui.widgets.table import MAX_ROWS, Col, Sort, data_table, sorted_rows

ROWS = [
    {"id": "a", "name": "乙", "level": "high", "days": 3},
    {"id": "b", "name": "甲", "level": None, "days": 10},
    {"id": "c", "name": "丙", "level": "low", "days": None},
]
LEVELS = ("high", "medium", "low")
COLS = [
    Col("name", "客户"),
    Col("level", "级别", rank=LEVELS.index),
    Col("days", "天数", numeric=True, total=True),
]


def ids(sort: Sort | None) -> list[str]:
    return [r["id"] for r in sorted_rows(ROWS, COLS, sort)]


def test_rows_sort_by_a_column_with_blanks_last_either_way() -> None:
    assert ids(None) == ["a", "b", "c"]  # as given
    assert ids(Sort("days")) == ["a", "b", "c"]
    assert ids(Sort("days", ascending=False)) == ["b", "a", "c"]  # the blank stays last
    assert ids(Sort("level")) == ["a", "c", "b"]  # by rank: high before low
    assert ids(Sort("level", ascending=False)) == ["c", "a", "b"]
    assert ids(Sort("name")) == sorted(
        ids(None), key=lambda i: {"a": "乙", "b": "甲", "c": "丙"}[i]
    )
    assert ids(Sort("unknown")) == ["a", "b", "c"]  # a column not in the table: as given


def _table(control: Any) -> ft.DataTable:
    assert isinstance(control, ft.Row)
    table = control.controls[0]
    assert isinstance(table, ft.DataTable)
    return table


def test_the_table_sorts_totals_opens_and_cuts() -> None:
    sorts: list[Sort] = []
    opened: list[str] = []
    table = _table(
        data_table(
            COLS,
            ROWS,
            Sort("days", ascending=False),
            sorts.append,
            lambda r: opened.append(r["id"]),
            "合计 {n} 条",
            "（显示前 {n} 条）",
            colour=lambda r: "red" if r["id"] == "b" else None,
        )
    )
    assert table.sort_column_index == 2 and table.sort_ascending is False
    assert [c.cells[0].content.value for c in table.rows] == ["甲", "乙", "丙", "合计 3 条"]
    assert [c.content.value for c in table.rows[-1].cells] == ["合计 3 条", "", "13"]
    assert table.rows[0].cells[0].content.color == "red"
    table.rows[1].cells[2].on_tap(None)
    table.columns[0].on_sort(SimpleNamespace(ascending=True))
    assert opened == ["a"] and sorts == [Sort("name", True)]
    many = [{"id": str(i), "name": f"n{i}", "level": "low", "days": 1} for i in range(MAX_ROWS + 5)]
    big = _table(
        data_table(COLS, many, None, sorts.append, opened.append, "合计 {n} 条", "（前 {n}）")
    )
    assert len(big.rows) == MAX_ROWS + 1  # and the totals row, of every row
    assert big.rows[-1].cells[0].content.value == f"合计 {MAX_ROWS + 5} 条 （前 {MAX_ROWS}）"
    assert big.rows[-1].cells[2].content.value == str(MAX_ROWS + 5)


def test_a_value_tint_wins_over_the_row_colour() -> None:
    cols = [Col("name", "客户"), Col("level", "级别", tint=lambda v: "green" if v else None)]
    table = _table(
        data_table(cols, ROWS[:1], None, print, print, "{n}", "{n}", colour=lambda r: "red")
    )
    assert [c.content.color for c in table.rows[0].cells] == ["red", "green"]
