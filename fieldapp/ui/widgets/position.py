"""Getting a position from the screens: locate in the background, or type it in a dialog; the
position line and the two buttons of the visit's check-in and the new-outlet form."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import error_text
from fieldapp.services.position import parse_manual
from fieldapp.ui.strings import t
from fieldapp.ui.widgets import row_button

if TYPE_CHECKING:
    from fieldapp.ui.screen import Host


def locate_then(shell: Host, then: Callable[[], None]) -> None:
    """Ask the device for a fix without blocking the UI, then call then()."""

    async def run() -> None:
        if shell.locator.busy:
            return
        await shell.locator.locate()
        then()

    shell.page.run_task(run)


def manual_position_dialog(shell: Host, then: Callable[[], None]) -> None:
    """Let the user type latitude and longitude (desktop/web without GPS)."""
    lang = shell.lang
    lat, lng = shell.locator.dialog_fields()
    lat.label, lng.label = t("latitude", lang), t("longitude", lang)
    problem = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)

    def use(e: Any) -> None:
        try:
            fix = parse_manual(lat.value or "", lng.value or "", shell.now())
        except FieldSalesError as exc:
            problem.value, problem.visible = error_text(exc, lang), True
            problem.update()
            return
        shell.locator.set_manual(fix)
        shell.close_dialog(dialog)

        async def after_close() -> None:
            await asyncio.sleep(0.3)  # a view rebuilt while the dialog closes keeps it on screen
            then()

        shell.page.run_task(after_close)

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(t("manual_position", lang)),
        content=ft.Column(
            tight=True,
            spacing=10,
            controls=[ft.Text(t("manual_position_note", lang), size=13), lat, lng, problem],
        ),
        actions=[
            ft.TextButton(content=t("cancel", lang), on_click=lambda e: shell.close_dialog(dialog)),
            ft.FilledButton(content=t("use_position", lang), on_click=use),
        ],
    )
    shell.page.show_dialog(dialog)


def position_line(shell: Host) -> ft.Control:
    """A GPS icon and how good and how old the phone's position is."""
    locator = shell.locator
    return ft.Row(
        controls=[
            ft.Icon(ft.Icons.GPS_FIXED if locator.fix else ft.Icons.GPS_OFF),
            ft.Text(locator.describe(shell.lang, shell.now()), expand=True),
        ]
    )


def position_buttons(
    shell: Host, located: Callable[[], None], typed: Callable[[], None]
) -> ft.Control:
    """Locate again (then located()) and type the position in (then typed()), side by side."""
    lang = shell.lang
    return ft.Row(
        wrap=True,
        spacing=8,
        controls=[
            row_button(
                t("locate_again", lang),
                lambda e: locate_then(shell, located),
                icon=ft.Icons.MY_LOCATION,
                tooltip=t("locate_again", lang),
            ),
            row_button(
                t("manual_position", lang),
                lambda e: manual_position_dialog(shell, typed),
                icon=ft.Icons.EDIT_LOCATION_ALT_OUTLINED,
                tooltip=t("manual_position_tip", lang),
            ),
        ],
    )
