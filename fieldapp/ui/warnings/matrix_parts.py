"""The parts of the quadrant matrix screen, built from the server's answer alone (so that the
benchmark builds exactly what the screen shows): the scatter on a canvas, the four quadrants with
their counts and policy, the movers as a list (phone) or a sortable table with totals (desk).

The scatter draws one `canvas.Points` shape per quadrant (per quadrant and dot size in the grid),
not one control per customer: 2,000 points are four shapes on the wire."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import flet as ft
import flet.canvas as cv

from fieldapp.services.quadrant_matrix import QUADRANTS, SEVERITY
from fieldapp.ui.widgets import MUTED, card, empty, heading, pill
from fieldapp.ui.widgets.table import Col, Sort, data_table

T = Callable[..., str]  # a screen's t(key, **values)
COLORS = {"core": "#1B7F3B", "dangerous": "#B3261E", "cultivate": "#1565C0", "eliminate": "#6B6B6B"}
TINTS = {"core": "#E8F5E9", "dangerous": "#FDECEA", "cultivate": "#E3F2FD", "eliminate": "#F1F1F1"}
LEFT, RIGHT, TOP, BOTTOM = 8.0, 8.0, 20.0, 22.0  # the plot's margins in the canvas
DOT = 6.0  # a customer's dot (points mode)
SIZES = (4.0, 7.0, 10.0, 14.0, 19.0, 25.0)  # dot diameters of the grid, by count class


def qname(t: T, quadrant: str) -> str:
    """核心 / 危险 / 培养 / 淘汰."""
    return t(f"qm_q_{quadrant}")


def counts(data: Mapping[str, Any]) -> dict[str, int]:
    """Customers per quadrant (every quadrant, zero when empty)."""
    got = data.get("counts") or {}
    return {q: int(got.get(q) or 0) for q in QUADRANTS}


def scatter(data: Mapping[str, Any], t: T, width: float, height: float) -> ft.Control:
    """The plot: four tinted quadrants split by the two cut lines, each named with its count, and
    the customers (or the grid's groups) as dots."""
    cuts = data.get("cuts") or {}
    pct = float(cuts.get("volume_percentile") or 0.5)
    cut = float(cuts.get("loyalty_cutoff") or 60)
    pw, ph = max(width - LEFT - RIGHT, 10.0), max(height - TOP - BOTTOM, 10.0)

    def px(x: float) -> float:
        return LEFT + max(0.0, min(1.0, x)) * pw

    def py(y: float) -> float:
        return TOP + (1 - max(0.0, min(100.0, y)) / 100) * ph

    cx, cy = px(pct), py(cut)
    regions = {
        "cultivate": (LEFT, TOP, cx - LEFT, cy - TOP),
        "core": (cx, TOP, LEFT + pw - cx, cy - TOP),
        "eliminate": (LEFT, cy, cx - LEFT, TOP + ph - cy),
        "dangerous": (cx, cy, LEFT + pw - cx, TOP + ph - cy),
    }
    shapes: list[cv.Shape] = [
        cv.Rect(x, y, w, h, paint=ft.Paint(color=TINTS[q], style=ft.PaintingStyle.FILL))
        for q, (x, y, w, h) in regions.items()
    ]
    line = ft.Paint(color="#424242", stroke_width=1.5, stroke_dash_pattern=[6, 4])
    shapes += [
        cv.Line(cx, TOP, cx, TOP + ph, paint=line),
        cv.Line(LEFT, cy, LEFT + pw, cy, paint=line),
    ]
    shapes += _dots(data, px, py)
    n = counts(data)
    label = ft.TextStyle(size=10, weight=ft.FontWeight.W_600, color="#424242")
    for q, (x, y, w, h) in regions.items():
        right = q in ("core", "dangerous")
        at_top = q in ("core", "cultivate")
        shapes.append(
            cv.Text(
                x + w - 4 if right else x + 4,
                y + 3 if at_top else y + h - 3,
                t("qm_count", name=qname(t, q), n=f"{n[q]:,}"),
                style=ft.TextStyle(size=12, weight=ft.FontWeight.W_600, color=COLORS[q]),
                alignment=ft.Alignment(1 if right else -1, -1 if at_top else 1),
            )
        )
    small = ft.TextStyle(size=11, color="#5F6B7A")
    below = TOP + ph + 4
    shapes += [
        cv.Text(LEFT, 2, t("qm_axis_y"), style=small),
        cv.Text(LEFT + pw, below, t("qm_axis_x"), style=small, alignment=ft.Alignment(1, -1)),
        cv.Text(
            cx, TOP - 2, t("qm_cut_x", pct=f"{pct:g}"), style=label, alignment=ft.Alignment(0, 1)
        ),
        cv.Text(
            LEFT + pw,
            cy - 2,
            t("qm_cut_y", cut=f"{cut:g}"),
            style=label,
            alignment=ft.Alignment(1, 1),
        ),
    ]
    plot = cv.Canvas(width=width, height=height, shapes=shapes)
    tip = t("qm_plot_tip", **{q: f"{n[q]:,}" for q in QUADRANTS})
    return ft.Semantics(label=tip, content=ft.Container(width=width, height=height, content=plot))


def _dots(
    data: Mapping[str, Any], px: Callable[[float], float], py: Callable[[float], float]
) -> list[cv.Shape]:
    """One Points shape per quadrant (points), or per quadrant and size class (grid)."""
    groups: dict[tuple[str, float], list[ft.Offset]] = {}
    if data.get("mode") == "grid":
        cells = data.get("cells") or []
        most = max((int(c[3]) for c in cells), default=1)
        for x, y, q, n in cells:
            share = math.sqrt(int(n) / most)
            size = SIZES[min(len(SIZES) - 1, int(share * len(SIZES)))]
            groups.setdefault((q, size), []).append(ft.Offset(px(float(x)), py(float(y))))
    else:
        for x, y, q in data.get("points") or []:
            groups.setdefault((q, DOT), []).append(ft.Offset(px(float(x)), py(float(y))))
    return [
        cv.Points(
            points=offsets,
            point_mode=cv.PointMode.POINTS,
            paint=ft.Paint(
                color=ft.Colors.with_opacity(0.55 if size > DOT else 0.7, COLORS[q]),
                stroke_width=size,
                stroke_cap=ft.StrokeCap.ROUND,
            ),
        )
        for (q, size), offsets in sorted(groups.items(), key=lambda g: -g[0][1])
    ]


def quadrant_cards(data: Mapping[str, Any], t: T) -> ft.Control:
    """The four quadrants: name, count, which side of the lines, the source document's policy."""
    n = counts(data)
    tiles = []
    for q in QUADRANTS:
        tiles.append(
            ft.Container(
                col={"xs": 12, "sm": 6},
                content=card(
                    ft.Row(
                        spacing=8,
                        controls=[
                            ft.Container(width=12, height=12, border_radius=6, bgcolor=COLORS[q]),
                            ft.Text(
                                t("qm_count", name=qname(t, q), n=f"{n[q]:,}"),
                                size=15,
                                weight=ft.FontWeight.W_600,
                                color=COLORS[q],
                                expand=True,
                            ),
                            ft.Text(t(f"qm_side_{q}"), size=12, color=MUTED),
                        ],
                    ),
                    ft.Text(t(f"qm_policy_{q}"), size=13),
                    padding=12,
                ),
            )
        )
    return ft.ResponsiveRow(spacing=8, run_spacing=0, controls=tiles)


def move_pill(t: T, src: str, dst: str) -> ft.Control:
    """危险 → 淘汰, in the destination's colour."""
    return pill(t("qm_move", src=qname(t, src), dst=qname(t, dst)), COLORS.get(dst, MUTED))


def pairs(data: Mapping[str, Any], t: T) -> ft.Control:
    """How many moved from which quadrant to which (every mover, not only those listed)."""
    items = [
        ft.Row(
            spacing=4,
            tight=True,
            controls=[move_pill(t, m["from"], m["to"]), ft.Text(f"{int(m['n']):,}", size=13)],
        )
        for m in data.get("moves") or []
    ]
    return ft.Row(wrap=True, spacing=10, run_spacing=6, controls=items)


def movers_heading(data: Mapping[str, Any], t: T) -> ft.Control:
    """分类变动 N, and how many are listed when not all."""
    total, shown = int(data.get("movers_total") or 0), len(data.get("movers") or [])
    note = None
    if shown < total:
        note = ft.Text(t("qm_movers_shown", shown=shown, n=f"{total:,}"), size=12, color=MUTED)
    return heading(t("qm_movers", n=f"{total:,}"), note)


def _volume(v: Any) -> str:
    return f"{float(v or 0):,.0f}"


def mover_list(
    movers: Sequence[Mapping[str, Any]], t: T, open_card: Callable[[str], None]
) -> list[ft.Control]:
    """The phone's movers: a tappable row each (opens the customer card)."""
    if not movers:
        return [empty(t("qm_movers_none"))]
    rows: list[ft.Control] = []
    for m in movers:
        line = t(
            "qm_mover_line",
            code=m.get("code") or "",
            area=m.get("area_name") or "—",
            volume=_volume(m.get("volume_12m")),
            loyalty=m.get("loyalty"),
        )
        rows.append(
            ft.Container(
                on_click=lambda e, cid=m["customer_id"]: open_card(cid),
                tooltip=t("qm_mover_tip", name=m.get("name") or ""),
                content=card(
                    ft.Row(
                        spacing=6,
                        controls=[
                            ft.Text(
                                m.get("name") or "",
                                size=15,
                                weight=ft.FontWeight.W_600,
                                expand=True,
                            ),
                            move_pill(t, m["from"], m["to"]),
                        ],
                    ),
                    ft.Text(line, size=12, color=MUTED),
                    padding=10,
                ),
            )
        )
    return rows


def mover_table(
    movers: Sequence[Mapping[str, Any]],
    t: T,
    sort: Sort | None,
    on_sort: Callable[[Sort], None],
    open_card: Callable[[str], None],
) -> ft.Control:
    """The desk's movers: a table whose headings sort (again: the other way; quadrants by how
    bad the destination is) and a totals row (the listed movers and their volume)."""
    if not movers:
        return empty(t("qm_movers_none"))

    def quadrant(key: str) -> Col:
        return Col(
            key, t(f"qm_col_{key}"), show=lambda q: qname(t, q), rank=SEVERITY.get, tint=COLORS.get
        )

    cols = [
        Col("name", t("qm_col_name"), width=150),
        Col("code", t("qm_col_code")),
        Col("area_name", t("qm_col_area_name")),
        quadrant("from"),
        quadrant("to"),
        Col(
            "volume_12m", t("qm_col_volume_12m"), numeric=True, total=True, show=_volume, rank=float
        ),
        Col(
            "loyalty",
            t("qm_col_loyalty"),
            numeric=True,
            show=lambda v: f"{float(v or 0):.1f}",
            rank=float,
        ),
    ]
    rows = [dict(m) for m in movers]
    return data_table(
        cols, rows, sort, on_sort, lambda r: open_card(r["customer_id"]), t("qm_total"),
        t("tb_cut"),
    )  # fmt: skip
