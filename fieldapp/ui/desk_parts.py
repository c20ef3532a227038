"""What the desks share: the switch between the two of the 工作台 tab (and the way to the
quadrant matrix and the support desk), the refresh button, and their table at a desk-size window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.ui.widgets import chips
from fieldapp.ui.widgets.table import Col, Sort, data_table

# opened on top of the desk (the back arrow returns to it)
ON_TOP = (
    "quadrant_matrix",
    "support",
    "meetings",
    "feedback_summary",
    "competitors",
    "display_templates",
)


def desk_switch(screen: Any, current: str) -> ft.Control:
    """预警处理 · 售后处理: the warnings desk and the case desk, one tab; 客户分类 (the quadrant
    matrix), 座谈会 (meetings), 客户意见 (the feedback summary), 竞品上报 (competitor reports) and,
    for managers, 陈列模板 (display check templates) open on top (the back arrow returns to the
    desk)."""
    user = getattr(screen.phone, "user", None)
    manager = getattr(user, "role", None) == "manager"

    def go(route: str | None) -> None:
        if route in ON_TOP:
            screen.shell.open(route)
        elif route and route != current:
            screen.shell.show_home(route)

    return chips(
        [
            ("warnings", screen.t("wd_switch_warnings")),
            ("cases", screen.t("wd_switch_cases")),
            ("quadrant_matrix", screen.t("qm_switch")),
            ("support", screen.t("sup_desk")),
            ("meetings", screen.t("mt_switch")),
            ("feedback_summary", screen.t("fb_switch")),
            ("competitors", screen.t("cr_desk")),
            *([("display_templates", screen.t("tp_desk"))] if manager else []),
        ],
        current,
        go,
    )


def refresh_action(screen: Any) -> ft.Control:
    """The app-bar button that fetches the desk again."""
    return ft.IconButton(
        ft.Icons.REFRESH,
        icon_color=ft.Colors.WHITE,
        tooltip=screen.t("dk_refresh"),
        on_click=lambda e: screen.reload(),
    )


def desk_table(
    screen: Any,
    cols: list[Col],
    rows: list[dict[str, Any]],
    on_open: Callable[[dict[str, Any]], None],
) -> ft.Control:
    """The rows as a table sorted by screen.sort (a heading's tap sorts again and refreshes the
    screen), overdue rows in red, with totals."""

    def resort(sort: Sort) -> None:
        screen.sort = sort
        screen.refresh()

    return data_table(
        cols,
        rows,
        screen.sort,
        resort,
        on_open,
        screen.t("tb_total"),
        screen.t("tb_cut"),
        colour=lambda r: ft.Colors.RED_700 if r.get("overdue") else None,
    )


def overdue_col(t: Callable[..., str], label_key: str) -> Col:
    """超时: each overdue row marked, their number in the totals."""
    return Col(
        "overdue",
        t("tb_overdue"),
        total=True,
        show=lambda v: t(label_key) if v is True else str(v or ""),
    )
