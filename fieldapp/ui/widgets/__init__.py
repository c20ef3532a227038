"""Shared building blocks for phone screens: cards, chips, big buttons, labelled values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.ui.theme import FONT_FAMILY, PRIMARY_COLOR

Handler = Callable[[Any], Any]
MUTED = ft.Colors.ON_SURFACE_VARIANT
STATUS_COLORS = {
    "planned": "#5F6B7A",
    "in_progress": "#B26A00",
    "done": "#1B7F3B",
    "empty": "#8A5A00",  # visited, nothing recorded
    "missed": "#B3261E",
}


def card(
    *controls: ft.Control,
    title: str | None = None,
    action: ft.Control | None = None,
    padding: int = 14,
) -> ft.Control:
    """A card holding controls in a full-width column, with an optional heading and action."""
    items: list[ft.Control] = []
    if title or action is not None:
        head: list[ft.Control] = [
            ft.Text(title or "", size=16, weight=ft.FontWeight.W_600, expand=True)
        ]
        if action is not None:
            head.append(action)
        items.append(ft.Row(controls=head, vertical_alignment=ft.CrossAxisAlignment.CENTER))
    items.extend(controls)
    return ft.Card(
        margin=ft.Margin.symmetric(horizontal=0, vertical=4),
        content=ft.Container(
            padding=padding,
            content=ft.Column(
                spacing=8, controls=items, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
            ),
        ),
    )


def pill(text: str, color: str, *, filled: bool = False, tooltip: str | None = None) -> ft.Control:
    """A small rounded label (status, grade, tier)."""
    return ft.Container(
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
        border_radius=12,
        bgcolor=color if filled else None,
        border=None if filled else ft.Border.all(1, color),
        tooltip=tooltip,
        content=ft.Text(text, size=12, color=ft.Colors.WHITE if filled else color, no_wrap=True),
    )


def grade_pill(grade: str | None, lang: str) -> ft.Control | None:
    """The grade as a coloured pill (legend colours), or None when ungraded."""
    if not grade:
        return None
    swatch = legend.GRADES.get(grade, legend.GRADES[legend.UNGRADED])
    return pill(swatch.label_en if lang == "en" else swatch.label_zh, swatch.color, filled=True)


def severity_color(severity: str | None) -> str:
    """The alert colour of a warning severity (legend rings)."""
    return legend.RINGS.get(severity or "none", legend.RINGS["high"]).color


def big_button(
    text: str,
    on_click: Handler,
    *,
    icon: ft.IconData | None = None,
    tooltip: str | None = None,
    tonal: bool = False,
    disabled: bool = False,
    danger: bool = False,
) -> ft.Control:
    """A full-width, thumb-sized button (56 px high)."""
    style = ft.ButtonStyle(
        padding=ft.Padding.symmetric(vertical=16, horizontal=20),
        text_style=ft.TextStyle(size=17, weight=ft.FontWeight.W_600, font_family=FONT_FAMILY),
        bgcolor=ft.Colors.RED_700 if danger else None,
    )
    cls = ft.FilledTonalButton if tonal else ft.FilledButton
    return ft.Container(
        content=cls(
            content=text,
            icon=icon,
            on_click=on_click,
            tooltip=tooltip,
            style=style,
            disabled=disabled,
            expand=True,
        ),
        height=56,
    )


def row_button(
    text: str, on_click: Handler, *, icon: ft.IconData | None = None, tooltip: str | None = None
) -> ft.Control:
    """An outlined secondary action."""
    return ft.OutlinedButton(
        content=text,
        icon=icon,
        on_click=on_click,
        tooltip=tooltip,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(vertical=12, horizontal=16)),
    )


def labelled(label: str, value: str, *, icon: ft.IconData | None = None) -> ft.Control:
    """A label above its value (profile facts)."""
    caption: ft.Control = ft.Text(label, size=12, color=MUTED)
    if icon is not None:
        caption = ft.Row(spacing=4, controls=[ft.Icon(icon, size=16, color=MUTED), caption])
    return ft.Column(spacing=2, controls=[caption, ft.Text(value or "—", size=15)])


def chips(
    options: Sequence[tuple[str | None, str]],
    selected: str | None,
    on_pick: Callable[[str | None], None],
) -> ft.Control:
    """A wrapping row of choice chips; tapping the selected one again clears it."""

    def handler(value: str | None) -> Handler:
        return lambda e: on_pick(None if value == selected else value)

    return ft.Row(
        wrap=True,
        spacing=6,
        run_spacing=6,
        controls=[
            ft.Chip(
                label=label,
                selected=value == selected,
                on_select=handler(value),
                show_checkmark=False,
                selected_color=ft.Colors.PRIMARY_CONTAINER,
            )
            for value, label in options
        ],
    )


def form_list(items: list[ft.Control]) -> ft.Control:
    """A scrolling form. A Column, not a lazy ListView: a focused field scrolled out of a ListView
    is disposed, and Flutter web then wrote its text into another field (docs/flet-lessons.md)."""
    return ft.Column(
        scroll=ft.ScrollMode.AUTO,
        controls=[ft.Container(padding=12, content=ft.Column(spacing=8, controls=items))],
    )


def empty(text: str, icon: ft.IconData = ft.Icons.INBOX_OUTLINED) -> ft.Control:
    """A quiet placeholder when a list has nothing to show."""
    return ft.Container(
        padding=24,
        alignment=ft.Alignment.CENTER,
        content=ft.Column(
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                ft.Icon(icon, size=40, color=MUTED),
                ft.Text(text, color=MUTED, text_align=ft.TextAlign.CENTER),
            ],
        ),
    )


def heading(text: str, trailing: ft.Control | None = None) -> ft.Control:
    """A section heading between cards."""
    items: list[ft.Control] = [
        ft.Text(text, size=14, weight=ft.FontWeight.W_600, color=PRIMARY_COLOR, expand=True)
    ]
    if trailing is not None:
        items.append(trailing)
    return ft.Container(padding=ft.Padding.only(left=4, top=10, bottom=2), content=ft.Row(items))


def error_banner(text: str) -> ft.Control:
    """A red sentence (sync error, failed action)."""
    return ft.Container(
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=8,
        padding=10,
        content=ft.Row(
            spacing=8,
            controls=[
                ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ON_ERROR_CONTAINER, size=20),
                ft.Text(text, color=ft.Colors.ON_ERROR_CONTAINER, expand=True, size=14),
            ],
        ),
    )


def note_banner(text: str, icon: ft.IconData = ft.Icons.INFO_OUTLINE) -> ft.Control:
    """A calm information sentence."""
    return ft.Container(
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=8,
        padding=10,
        content=ft.Row(
            spacing=8,
            controls=[
                ft.Icon(icon, size=20, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.Text(text, expand=True, size=14, color=ft.Colors.ON_SECONDARY_CONTAINER),
            ],
        ),
    )


class FormState:
    """What the user typed, kept in Python: every build makes fresh fields from it.

    A Flet control must not be moved into a rebuilt view (the client drops it), so screens
    never keep control objects across rebuilds; they keep the values here instead.
    """

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.errors: dict[str, str] = {}

    def get(self, key: str) -> str:
        """The text typed for key ('' when nothing)."""
        return self.values.get(key, "")

    def set(self, key: str, value: str) -> None:
        """Remember a value (and forget its error message)."""
        self.values[key] = value

    def field(
        self, key: str, label: str, *, on_change: Handler | None = None, **kw: Any
    ) -> ft.TextField:
        """A fresh text field for key, showing its value and error."""

        def changed(e: Any) -> None:
            # the field already shows what was typed: an automatic page update after this
            # handler would send back an older value and drop keystrokes typed meanwhile
            ft.context.disable_auto_update()
            self.values[key] = e.control.value or ""
            if on_change is not None:
                on_change(e)

        return ft.TextField(
            label=label,
            value=self.values.get(key, ""),
            error=self.errors.get(key),
            on_change=changed,
            **kw,
        )
