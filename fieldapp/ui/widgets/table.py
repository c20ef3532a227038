"""A table for a desk-size window: sortable columns (tap a heading; again to reverse), a totals
row, and a tap on a row opening it. Phones keep their cards; screens use this at WIDE_PX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import flet as ft

Row = dict[str, Any]
MAX_ROWS = 200  # drawn at once (a filter narrows the rest); the totals count every row


@dataclass(frozen=True)
class Col:
    """A column: the row's key, its heading, how a value shows and sorts, whether it is summed."""

    key: str
    label: str
    numeric: bool = False
    total: bool = False  # the totals row shows its sum
    show: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    rank: Callable[[Any], Any] | None = None  # sorts by this instead of the value
    width: int | None = None  # a long text column is cut to this width
    tint: Callable[[Any], str | None] | None = None  # a value's own text colour


@dataclass(frozen=True)
class Sort:
    """The sorted column and direction."""

    key: str
    ascending: bool = True


def sorted_rows(rows: Sequence[Row], cols: Sequence[Col], sort: Sort | None) -> list[Row]:
    """The rows in the order of the sorted column (blanks last either way)."""
    col = next((c for c in cols if sort is not None and c.key == sort.key), None)
    if sort is None or col is None:
        return list(rows)
    rank = col.rank or (lambda v: v)
    present = [r for r in rows if r.get(col.key) is not None]
    blank = [r for r in rows if r.get(col.key) is None]
    present.sort(key=lambda r: rank(r[col.key]), reverse=not sort.ascending)
    return present + blank


def data_table(
    cols: Sequence[Col],
    rows: Sequence[Row],
    sort: Sort | None,
    on_sort: Callable[[Sort], None],
    on_open: Callable[[Row], None],
    totals_label: str,
    cut_label: str,
    *,
    colour: Callable[[Row], str | None] = lambda r: None,
) -> ft.Control:
    """The table, scrolling sideways when it is wider than the window; the last row is the totals
    of every row (totals_label with the row count, then each summed column), the first MAX_ROWS
    rows above it (cut_label says so)."""
    ordered = sorted_rows(rows, cols, sort)

    def sorter(key: str) -> Callable[[Any], None]:
        return lambda e: on_sort(Sort(key, bool(e.ascending)))

    def cell(c: Col, r: Row) -> ft.DataCell:
        value = r.get(c.key)
        tint = c.tint(value) if c.tint is not None else colour(r)
        text = ft.Text(c.show(value), color=tint, no_wrap=c.width is None)
        if c.width is not None:
            text.max_lines, text.overflow = 2, ft.TextOverflow.ELLIPSIS
        content = text if c.width is None else ft.Container(width=c.width, content=text)
        return ft.DataCell(content, on_tap=lambda e: on_open(r))

    total = totals_label.format(n=len(ordered))
    if len(ordered) > MAX_ROWS:
        total += " " + cut_label.format(n=MAX_ROWS)
    totals = [ft.Text(total, weight=ft.FontWeight.W_600)]
    for c in cols[1:]:
        value = sum(r.get(c.key) or 0 for r in ordered) if c.total else None
        shown_total = "" if value is None else c.show(value)
        totals.append(ft.Text(shown_total, weight=ft.FontWeight.W_600))
    index = next((i for i, c in enumerate(cols) if sort is not None and c.key == sort.key), None)
    table = ft.DataTable(
        sort_column_index=index,
        sort_ascending=bool(sort and sort.ascending),
        column_spacing=14,
        horizontal_margin=12,
        heading_row_color=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        columns=[
            ft.DataColumn(
                ft.Text(c.label, weight=ft.FontWeight.W_600),
                numeric=c.numeric,
                on_sort=sorter(c.key),
            )
            for c in cols
        ],
        rows=[ft.DataRow(cells=[cell(c, r) for c in cols]) for r in ordered[:MAX_ROWS]]
        + [ft.DataRow(cells=[ft.DataCell(t) for t in totals])],
    )
    return ft.Row(scroll=ft.ScrollMode.AUTO, controls=[table])
