"""What the two desks of the 工作台 tab share: the switch between them (and the way to the
quadrant matrix), the refresh button."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.widgets import chips


def desk_switch(screen: Any, current: str) -> ft.Control:
    """预警处理 · 售后处理: the warnings desk and the case desk, one tab; 客户分类 opens the
    quadrant matrix on top (the back arrow returns to the desk)."""

    def go(route: str | None) -> None:
        if route == "quadrant_matrix":
            screen.shell.open(route)
        elif route and route != current:
            screen.shell.show_home(route)

    return chips(
        [
            ("warnings", screen.t("wd_switch_warnings")),
            ("cases", screen.t("wd_switch_cases")),
            ("quadrant_matrix", screen.t("qm_switch")),
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
