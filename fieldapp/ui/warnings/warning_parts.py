"""A warning in a list outside the desk (a customer card, Today): a bar in its severity's colour,
a title, its one-sentence reason, an overdue pill; a tap opens the warning (its history and
notes, and for leaders the steps)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flet as ft

from fieldapp.services.warnings import KINDS
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, pill, severity_color


def kind_name(w: Mapping[str, Any], lang: str) -> str:
    """The warning's kind in the app's language (the raw kind when unknown)."""
    kind = KINDS.get(str(w.get("kind") or ""))
    return kind(lang) if kind else str(w.get("kind"))


def warning_tile(
    screen: Screen, w: Mapping[str, Any], title: str, reason: str, *, customer: str,
    overdue: bool = False,
) -> ft.Control:  # fmt: skip
    """The tile; its tooltip names the customer and the kind (the browser tests' handle)."""
    head: list[ft.Control] = [
        ft.Text(
            title,
            size=15,
            weight=ft.FontWeight.W_600,
            expand=True,
            max_lines=1,
            overflow=ft.TextOverflow.ELLIPSIS,
        )
    ]
    if overdue:
        head.append(pill(screen.t("wd_overdue"), ft.Colors.RED_700, filled=True))
    return ft.Container(
        on_click=lambda e: screen.shell.open("warning", warning_id=w["id"]),
        tooltip=screen.t("wd_open_tip", customer=customer, kind=kind_name(w, screen.lang)),
        border=ft.Border.only(left=ft.BorderSide(4, severity_color(w.get("severity")))),
        padding=ft.Padding.only(left=10, top=2, bottom=2, right=4),
        content=ft.Column(
            spacing=2,
            controls=[
                ft.Row(spacing=6, controls=head),
                ft.Text(reason, size=14, color=MUTED, max_lines=2),
            ],
        ),
    )
