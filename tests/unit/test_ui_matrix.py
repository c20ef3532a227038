"""The quadrant matrix on the phone (fieldapp.services.quadrant_matrix and the screen's parts):
the movers' table sorted by a column and totalled, the call made with its limits (bad ones refused
before any call), and the screen built from an answer in both layouts and both modes: dots on
the right side of the lines, counts and policy for every quadrant, the table's headers and
totals at a desk, a row per mover on a phone."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import flet as ft
import flet.canvas as cv
import pytest

from fieldapp.errors import InvalidInput
from fieldapp.services.quadrant_matrix import QuadrantMatrixService
from fieldapp.ui.strings import t as translate
from fieldapp.ui.warnings.matrix import build, plot_size
from fieldapp.ui.warnings.matrix_parts import BOTTOM, LEFT, RIGHT, TOP, mover_table
from fieldapp.ui.widgets.table import Sort
from tests.unit.services_world import NOW, Clock
from tests.unit.services_world import build as build_world

MOVERS = [  # in the server's order: worst destination first, then the largest volume
    {"customer_id": "c1", "code": "S2", "name": "乙批发", "area_name": "上海区", "from": "core",
     "to": "dangerous", "volume_12m": 900.0, "loyalty": 40.5},
    {"customer_id": "c2", "code": "S1", "name": "甲商行", "area_name": "浙江区", "from": "cultivate",
     "to": "eliminate", "volume_12m": 50.0, "loyalty": 30.0},
    {"customer_id": "c3", "code": "S3", "name": "丙超市", "area_name": "上海区", "from": "eliminate",
     "to": "core", "volume_12m": 1200.5, "loyalty": 75.0},
]  # fmt: skip
ANSWER: dict[str, Any] = {
    "as_of": "2026-12-31",
    "previous_as_of": "2026-11-27",
    "cuts": {"volume_percentile": 0.5, "loyalty_cutoff": 60},
    "total": 4,
    "counts": {"core": 1, "dangerous": 1, "cultivate": 1, "eliminate": 1},
    "mode": "points",
    "points": [[0.9, 80, "core"], [0.6, 20, "dangerous"], [0.1, 70, "cultivate"], [0, 10, "eliminate"]],
    "cells": [],
    "movers_total": 5,
    "moves": [{"from": "core", "to": "dangerous", "n": 3}, {"from": "eliminate", "to": "core", "n": 2}],
    "movers": MOVERS,
    "areas": [],
}  # fmt: skip


def t(key: str, **values: Any) -> str:
    text = translate(key, "zh")
    return text.format(**values) if values else text


def walk(control: Any) -> list[Any]:
    """Every control and canvas shape under control."""
    found, todo = [], [control]
    while todo:
        c = todo.pop()
        found.append(c)
        for name in ("controls", "shapes"):
            todo += list(getattr(c, name, None) or [])
        child = getattr(c, "content", None)
        if isinstance(child, ft.BaseControl):
            todo.append(child)
    return found


def texts(control: Any) -> list[str]:
    out = []
    for c in walk(control):
        if isinstance(c, (ft.Text, cv.Text)) and isinstance(c.value, str):
            out.append(c.value)
        elif isinstance(c, ft.TextButton) and isinstance(c.content, str):
            out.append(c.content)
    return out


def _table(control: Any) -> ft.DataTable:
    return next(c for c in walk(control) if isinstance(c, ft.DataTable))


def test_movers_sort_by_a_column_either_way() -> None:
    def codes(sort: Sort | None) -> list[str]:
        table = _table(mover_table(MOVERS, t, sort, lambda s: None, lambda cid: None))
        return [row.cells[1].content.value for row in table.rows[:-1]]  # the last: totals

    assert codes(None) == ["S2", "S1", "S3"]  # the server's order
    assert codes(Sort("code")) == ["S1", "S2", "S3"]
    assert codes(Sort("volume_12m", ascending=False)) == ["S3", "S2", "S1"]
    assert codes(Sort("loyalty")) == ["S1", "S2", "S3"]
    assert codes(Sort("to")) == ["S2", "S1", "S3"]  # 危险, 淘汰, 核心: the worst first
    assert codes(Sort("from", ascending=False)) == ["S2", "S1", "S3"]  # 核心, 培养, 淘汰
    totals = _table(mover_table(MOVERS, t, None, lambda s: None, lambda cid: None)).rows[-1]
    assert [c.content.value for c in totals.cells] == ["合计 3 户", "", "", "", "", "2,150", ""]


def test_the_call_and_its_limits() -> None:
    made: list[tuple[str, dict[str, Any]]] = []

    def rpc(fn: str, **args: Any) -> dict[str, Any]:
        made.append((fn, args))
        return ANSWER

    world = build_world(clock=Clock(NOW))
    svc = QuadrantMatrixService(world.store, world.user, world.clock, rpc)
    assert svc.matrix()["total"] == 4
    assert svc.matrix("a1", max_points=0)["mode"] == "points"
    assert made == [
        ("quadrant_matrix", {"p_max_points": 2000, "p_max_movers": 100}),
        ("quadrant_matrix", {"p_max_points": 0, "p_max_movers": 100, "p_area_id": "a1"}),
    ]
    for bad in ({"max_points": -1}, {"max_points": 5001}, {"max_movers": 1001}):
        with pytest.raises(InvalidInput):
            svc.matrix(**bad)
    assert len(made) == 2


def _dots(control: Any) -> list[tuple[str, float, float, float]]:
    """(colour, x, y, size) of every dot drawn."""
    return [
        (s.paint.color, o.x, o.y, s.paint.stroke_width)
        for s in walk(control)
        if isinstance(s, cv.Points)
        for o in s.points
    ]


@pytest.mark.parametrize("width", [390.0, 1280.0])
def test_the_screen_in_both_layouts(width: float) -> None:
    wide = width >= 1000
    sorted_by: list[Sort] = []
    screen = build(
        ANSWER, t, width=width, wide=wide, sort=Sort("loyalty"), on_sort=sorted_by.append
    )
    shown = texts(screen)
    for name, n in (("核心", 1), ("危险", 1), ("培养", 1), ("淘汰", 1)):
        assert shown.count(f"{name} {n} 户") == 2  # on the plot and on its card
    assert any(s.startswith("企业最宝贵的财富") for s in shown)  # the policy of 核心
    assert "分类变动 5" in shown and "显示前 3 户 · 共 5 户" in shown
    w, h = plot_size(width, wide)
    dots = _dots(screen)
    assert len(dots) == 4
    # inside the plot, large ones right of the volume line, loyal ones above the loyalty line
    cx, cy = LEFT + 0.5 * (w - LEFT - RIGHT), TOP + 0.4 * (h - TOP - BOTTOM)
    for _colour, x, y, _size in dots:
        assert LEFT <= x <= w - RIGHT and TOP <= y <= h - BOTTOM
    assert sorted((x > cx, y < cy) for _c, x, y, _s in dots) == sorted(
        [(True, True), (True, False), (False, True), (False, False)]
    )
    if wide:
        assert isinstance(screen, ft.Row)  # the scatter beside the movers
        table = _table(screen)
        assert [c.label.value for c in table.columns][-2:] == ["12个月进货", "忠诚度"]
        assert table.sort_column_index == 6 and table.sort_ascending
        assert [c.content.value for c in table.rows[-1].cells][::5] == ["合计 3 户", "2,150"]
        table.columns[1].on_sort(SimpleNamespace(ascending=True))  # a tap on 编码
        assert sorted_by == [Sort("code", True)]
    else:
        rows = [c for c in walk(screen) if getattr(c, "tooltip", "") == "打开客户卡片：乙批发"]
        assert len(rows) == 1 and "核心 → 危险" in texts(rows[0])
        assert "合计 3 户" not in shown


def test_the_grid_draws_bigger_dots_for_bigger_groups_and_nothing_classified() -> None:
    grid = ANSWER | {
        "mode": "grid",
        "points": [],
        "cells": [[0.9, 80, "core", 400], [0.6, 20, "dangerous", 4], [0.1, 70, "cultivate", 1]],
    }
    screen = build(grid, t, width=390, wide=False)
    sizes = {round(x): size for _c, x, _y, size in _dots(screen)}
    assert len(sizes) == 3
    assert sizes[max(sizes)] > sizes[sorted(sizes)[1]] >= sizes[min(sizes)]
    assert "客户较多：每个圆点代表一组客户，越大人数越多" in texts(screen)
    empty = build({"as_of": None, "total": 0}, t, width=390, wide=False)
    assert "还没有客户分类结果" in texts(empty)
