"""The map's 未定位 N chip and its list: customers without a position (待定位), which the map
cannot draw; `fieldsales geocode` places those with an address (docs/geocode.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.ui.map.map_sheets import MapScreenBase, _sheet
from fieldapp.ui.widgets import MUTED, pill

PENDING = "#8A5300"


def unplaced_chip(screen: MapScreenBase) -> ft.Control | None:
    """「未定位 N」, opening the list; None when every customer is on the map."""
    n = len(screen.svc.unplaced())
    if n == 0:
        return None
    return ft.Chip(
        label=ft.Text(screen.t("map_unplaced", n=n)),
        leading=ft.Icon(ft.Icons.WRONG_LOCATION_OUTLINED, color=PENDING, size=18),
        on_click=lambda e: show_unplaced(screen),
        tooltip=screen.t("map_unplaced_tip"),
    )


def show_unplaced(screen: MapScreenBase) -> ft.BottomSheet:
    """The customers without a position, each 待定位 with its address; a tap opens its card."""
    found = screen.svc.unplaced()
    sheet: ft.BottomSheet

    def pick(customer_id: str) -> Callable[[Any], None]:
        def go(e: Any) -> None:
            screen.shell.close_dialog(sheet)
            screen.open_card(customer_id)

        return go

    rows: list[ft.Control] = [
        ft.ListTile(
            dense=True,
            leading=ft.Icon(ft.Icons.WRONG_LOCATION_OUTLINED, color=PENDING),
            title=ft.Text(u.name or "", max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
            subtitle=ft.Text(
                u.address or screen.t("map_unplaced_no_address"),
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
                color=None if u.address else MUTED,
            ),
            trailing=pill(screen.t("map_unplaced_pending"), PENDING),
            tooltip=u.address or screen.t("map_unplaced_no_address"),
            on_click=pick(u.id),
        )
        for u in found
    ]
    sheet = _sheet(
        ft.Column(
            tight=True,
            spacing=0,
            scroll=ft.ScrollMode.AUTO,
            controls=[
                ft.Text(
                    screen.t("map_unplaced_title", n=len(found)),
                    size=16,
                    weight=ft.FontWeight.W_600,
                ),
                ft.Text(screen.t("map_unplaced_hint"), size=12, color=MUTED),
                *rows,
            ],
        )
    )
    screen.shell.page.show_dialog(sheet)
    return sheet
