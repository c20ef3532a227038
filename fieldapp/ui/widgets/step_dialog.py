"""The dialog that asks for one step of a case or a warning: the new owner (a list of staff), a
choice (a warning's resolution category), the step's text, "internal only", and a note's photos
— whichever the step needs — then hands them over once the dialog has closed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from fieldapp.services.photos import Picked
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import FormState, row_button
from fieldapp.ui.widgets.photo import pick_photos, thumbnails

DIALOG_CLOSE_S = 0.3  # a dialog's closing animation


@dataclass
class StepInput:
    """What the dialog asked for."""

    text: str = ""
    owner: str | None = None
    choice: str | None = None
    internal: bool = False
    photos: list[Picked] = field(default_factory=list)


def _radios(options: Sequence[tuple[str, str]], pick: Callable[[str], None]) -> ft.Control:
    return ft.RadioGroup(
        on_change=lambda e: pick(e.control.value),
        content=ft.Column(
            tight=True, controls=[ft.Radio(value=key, label=label) for key, label in options]
        ),
    )


def step_dialog(
    screen: Screen,
    *,
    title: str,
    action: str,
    act: Callable[[StepInput], None],
    text_label: str | None = None,
    staff: Sequence[dict[str, Any]] | None = None,
    choices: Sequence[tuple[str, str]] | None = None,
    internal_label: str | None = None,
    photos: bool = False,
    danger: bool = False,
) -> None:
    """Show the dialog (title; the filled button says `action`): a radio list of staff (owner)
    and/or of choices, the text field when text_label is given, an "internal only" box, photos;
    act(StepInput) runs after the dialog has closed."""
    t = screen.t
    form = FormState()
    got = StepInput()
    fields: list[ft.Control] = []
    if staff is not None:
        people = [
            (str(p["id"]), f"{p['full_name']} · {t('role_' + str(p['role']))}") for p in staff
        ]
        fields.append(_radios(people, lambda v: setattr(got, "owner", v)))
    if choices is not None:
        fields.append(_radios(choices, lambda v: setattr(got, "choice", v)))
    if text_label is not None:
        fields.append(form.field("text", text_label, multiline=True, min_lines=2, max_length=4000))
    if internal_label is not None:
        fields.append(
            ft.Checkbox(
                label=internal_label,
                on_change=lambda e: setattr(got, "internal", bool(e.control.value)),
            )
        )
    if photos:
        picked = ft.Text(t("photos_none"), size=13)
        shown = ft.Container()

        async def add_photos(e: Any) -> None:
            got.photos += await pick_photos(screen.shell)
            picked.value = t("photos_picked", n=len(got.photos))
            shown.content = thumbnails([data for data, _ in got.photos], size=56, label=title)
            picked.update()
            shown.update()

        add = t("add_photo")
        fields += [
            picked,
            shown,
            row_button(add, add_photos, icon=ft.Icons.ADD_A_PHOTO_OUTLINED, tooltip=add),
        ]

    def close(e: Any) -> None:
        screen.shell.close_dialog(dialog)

    def accept(e: Any) -> None:
        screen.shell.close_dialog(dialog)
        got.text = form.get("text")

        async def after_close() -> None:
            await asyncio.sleep(DIALOG_CLOSE_S)
            act(got)

        screen.shell.page.run_task(after_close)

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(title, size=17),
        content=ft.Column(tight=True, spacing=10, width=340, controls=fields),
        actions=[
            ft.TextButton(content=t("ca_cancel"), on_click=close),
            ft.FilledButton(
                content=action,
                on_click=accept,
                style=ft.ButtonStyle(bgcolor=ft.Colors.RED_700) if danger else None,
            ),
        ],
    )
    with screen.shell.ui_lock:
        screen.shell.page.show_dialog(dialog)
