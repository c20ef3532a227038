"""A modal form for a step that goes to the server: its fields, the filled button that submits
(submit(form, close, failed)), and a refusal shown in the dialog, which stays open (what is typed
or picked next clears it); and choice chips that change in place (a dialog is not rebuilt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.ui.widgets import FormState

Submit = Callable[[FormState, Callable[[], None], Callable[[str, dict[str, str]], None]], None]


def form_dialog(
    screen: Any,
    title: str,
    fields: list[ft.Control],
    form: FormState,
    submit: Submit,
    label: str | None = None,
) -> None:
    """A modal form: submit(form, close, failed) runs the call; failed shows why, open still."""
    error = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)

    def failed(said: str, _fields: dict[str, str]) -> None:
        error.value, error.visible = said, True
        error.update()

    def close() -> None:
        screen.shell.close_dialog(dialog)

    for f in fields:  # what is typed or picked after a refusal clears it
        if isinstance(f, ft.TextField):
            f.on_change = _then_clear(f.on_change, error)
        for chip in f.controls if isinstance(f, ft.Row) else []:
            if isinstance(chip, ft.Chip):
                chip.on_select = _then_clear(chip.on_select, error)
    name = label or title
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(title, size=17),
        content=ft.Column(tight=True, spacing=10, width=340, controls=[*fields, error]),
        actions=[
            ft.TextButton(content=screen.t("cancel"), on_click=lambda e: close()),
            ft.FilledButton(content=name, on_click=lambda e: submit(form, close, failed)),
        ],
    )
    with screen.shell.ui_lock:
        screen.shell.page.show_dialog(dialog)


def _then_clear(handler: Any, error: ft.Text) -> Callable[[Any], None]:
    def changed(e: Any) -> None:
        if handler is not None:
            handler(e)
        if error.visible:
            error.visible = False
            error.update()

    return changed


def toggle_chips(options: list[tuple[str, str]], chosen: set[str], *, one: bool) -> ft.Control:
    """Choice chips that change in place (a dialog is not rebuilt): one or many chosen."""
    row = ft.Row(wrap=True, spacing=6, run_spacing=6)

    def pick(value: str) -> None:
        if value in chosen:
            chosen.discard(value)
        else:
            if one:
                chosen.clear()
            chosen.add(value)
        for chip in row.controls:
            chip.selected = chip.data in chosen
        row.update()

    row.controls = [
        ft.Chip(
            label=text,
            data=value,
            selected=value in chosen,
            show_checkmark=False,
            selected_color=ft.Colors.PRIMARY_CONTAINER,
            on_select=lambda e, v=value: pick(v),
        )
        for value, text in options
    ]
    return row
