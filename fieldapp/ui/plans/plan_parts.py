"""Pieces shared by the planning and approval screens: status colours, rows, icon buttons, the
company calendar's marks (休 holiday, 班 make-up day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flet as ft

from fieldapp.domain.workcal import HOLIDAY_NAMES_ZH
from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import DayPlan, PendingPlan
from fieldapp.services.i18n import Msg
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, grade_pill, note_banner

STATUS_COLOR = {
    "none": "#5F6B7A",
    "draft": "#5F6B7A",
    "submitted": "#B26A00",
    "approved": "#1B7F3B",
    "rejected": "#B3261E",
    "withdrawn": "#5F6B7A",
}


def stop_details(customer: dict[str, Any], lang: str) -> list[ft.Control]:
    """Under a plan stop's name: the customer's grade pill and its address on one line."""
    grade = grade_pill(customer.get("grade"), lang)
    address = ft.Text(
        customer.get("address") or "",
        size=13,
        color=MUTED,
        expand=True,
        max_lines=1,
        overflow=ft.TextOverflow.ELLIPSIS,
    )
    return [address] if grade is None else [grade, address]


def md(d: dt.date) -> str:
    """Month/day, as on a phone calendar."""
    return f"{d.month}/{d.day}"


def tile(
    title: str,
    sub: list[ft.Control],
    *,
    leading: ft.Control | None = None,
    trailing: ft.Control | None = None,
) -> ft.Control:
    """A list row on a card-like surface; not an ft.Card or a ListTile, which merge their
    buttons into one screen-reader label (the buttons keep their own names here)."""
    text = ft.Column(
        spacing=4,
        expand=True,
        controls=[
            ft.Text(
                title,
                size=15,
                weight=ft.FontWeight.W_600,
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
            ),
            *sub,
        ],
    )
    row = [c for c in (leading, text, trailing) if c is not None]
    return ft.Container(
        bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
        border_radius=12,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        margin=ft.Margin.symmetric(vertical=2),
        padding=ft.Padding.only(left=12, right=4, top=8, bottom=8),
        content=ft.Row(spacing=10, controls=row),
    )


def icon_button(
    icon: ft.IconData,
    label: str,
    on_click: Any,
    *,
    color: str | None = None,
    disabled: bool = False,
) -> ft.Control:
    """An icon button that keeps its own screen-reader node (tests tap it by its label)."""
    return ft.Semantics(
        container=True,
        button=True,
        label=label,
        content=ft.IconButton(icon, icon_color=color, on_click=on_click, disabled=disabled),
    )


def estimate_text(screen: Screen, dp: DayPlan) -> str:
    """A day's distance and time in one line."""
    e, lang = dp.estimate, screen.lang
    return screen.t(
        "plan_day_estimate",
        km=fmt.distance(e.distance_km * 1000, lang),
        total=fmt.duration(e.total_min * 60, lang),
        travel=fmt.duration(e.travel_min * 60, lang),
        visit=fmt.duration(e.visit_min * 60, lang),
    )


def rep_label(screen: Screen, head: PendingPlan) -> str:
    """The rep's name (a generic label when the server could not tell it)."""
    return head.rep_name or screen.t("approvals_unknown_rep")


# the plan's marks of the company calendar: 休 a holiday, 班 a make-up working day (调休)
DAY_MARKS: dict[str, tuple[Msg, str, str]] = {  # (mark, chip colour, chosen chip colour)
    "holiday": (Msg("休", "off"), "#FDE0DC", "#F4A9A0"),
    "makeup": (Msg("班", "work"), "#DCEBFB", "#9CC5F0"),
}


def day_words(screen: Any, kind: str, note: str | None) -> str:
    """休 · 国庆节 / 班 · 调休上班 … in the screen's language."""
    name = (HOLIDAY_NAMES_ZH.get(note, note) if screen.lang != "en" else note) if note else None
    key = "plan_holiday" if kind == "holiday" else "plan_makeup"
    return screen.t(key, name=name or "") if name else screen.t(f"{key}_plain")


def day_note(screen: Any, kind: str, note: str | None) -> ft.Control | None:
    """A banner over the chosen day when it is a holiday (no suggestions) or a make-up day."""
    if kind not in DAY_MARKS:
        return None
    icon = ft.Icons.BEACH_ACCESS if kind == "holiday" else ft.Icons.WORK_OUTLINE
    hint = screen.t("plan_holiday_hint" if kind == "holiday" else "plan_makeup_hint")
    return note_banner(f"{day_words(screen, kind, note)}。{hint}", icon)
