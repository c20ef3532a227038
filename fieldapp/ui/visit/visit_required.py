"""Checking out with required display check items unanswered (陈列检查): the rep is told which
ones and chooses 返回补充 (back to the 陈列 section) or 仍然签退 (check out anyway — a store may
refuse a photo, a shelf may be gone; the answers stay missing and the figures show it). Read from
the phone's store, so it works offline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.store.display import Item

CLOSE_S = 0.3  # the dialog's closing animation, before the check-out replaces the view


def required_dialog(
    screen: Any, missing: list[Item], go_on: Callable[[], None], back: Callable[[], None]
) -> None:
    """List the unanswered required items; 仍然签退 runs go_on, 返回补充 runs back."""
    shell = screen.shell
    t = screen.t
    kinds = {"photo": t("tp_kind_photo"), "count": t("tp_kind_count"),
             "choice": t("tp_kind_choice"), "yes_no": t("tp_kind_yes_no"),
             "text": t("tp_kind_text")}  # fmt: skip
    lines: list[ft.Control] = [ft.Text(t("dc_missing_hint"), size=14)]
    lines += [
        ft.Text(f"• {i.get('label', '')}（{kinds.get(i.get('kind', ''), '')}）", size=14)
        for i in missing
    ]

    def close_then(then: Callable[[], None]) -> Callable[[Any], None]:
        def handler(e: Any) -> None:
            shell.close_dialog(dialog)

            async def after() -> None:
                await asyncio.sleep(CLOSE_S)
                with shell.ui_lock:
                    then()

            shell.page.run_task(after)

        return handler

    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(t("dc_missing_title"), size=17),
        content=ft.Column(tight=True, spacing=6, width=340, controls=lines),
        actions=[
            ft.TextButton(content=t("dc_missing_go"), on_click=close_then(go_on)),
            ft.FilledButton(content=t("dc_missing_back"), on_click=close_then(back)),
        ],
    )
    with shell.ui_lock:
        shell.page.show_dialog(dialog)
