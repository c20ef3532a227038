"""Outlets per district (按区县): the map's filtered outlets counted per district, located
offline from their coordinates (fieldapp/domain/districts.py), in a sheet. For an area manager
it answers "where are my outlets" without a network; a rep sees their own."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.domain import districts


def button(screen: Any) -> ft.Control:
    """The small 按区县 button under the map's status line."""
    return ft.TextButton(
        screen.t("map_by_district"),
        icon=ft.Icons.LOCATION_CITY,
        tooltip=screen.t("map_by_district_tip"),
        on_click=lambda e: show(screen),
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=4, vertical=0)),
    )


def rows(screen: Any) -> list[tuple[str, int]]:
    """(place, count) for the outlets that pass the map's filter, most first."""
    pts = [p.wgs for p in screen.svc.matching(screen.flt)]
    return [
        (place.text() if place else screen.t("map_by_district_none"), n)
        for place, n in districts.per_district(pts)
    ]


def show(screen: Any) -> ft.BottomSheet:
    """The sheet: one line per district."""
    got = rows(screen)
    lines: list[ft.Control] = [
        ft.Text(screen.t("map_by_district_title"), size=17, weight=ft.FontWeight.W_600)
    ]
    if not got:
        lines.append(ft.Text(screen.t("map_by_district_empty")))
    lines += [ft.Text(screen.t("map_by_district_row", place=place, n=n)) for place, n in got]
    sheet = ft.BottomSheet(
        show_drag_handle=True,
        content=ft.Container(
            width=640,
            padding=ft.Padding.only(left=16, right=16, bottom=20),
            content=ft.Column(tight=True, scroll=ft.ScrollMode.AUTO, controls=lines),
        ),
    )
    screen.shell.page.show_dialog(sheet)
    return sheet
