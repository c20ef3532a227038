"""The steps a user may take on a case, and the dialog that asks for each step's text (or the new
owner). The server checks every step again (docs/cases.md): the buttons only leave out what the
user's role can never do."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services.photos import Picked
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import FormState, row_button
from fieldapp.ui.widgets.photo import pick_photos

DIALOG_CLOSE_S = 0.3  # a dialog's closing animation
LEADERS = ("area_manager", "manager")
SERVICE_KINDS = ("exchange", "repair", "packaging_exchange")


def steps_for(c: dict[str, Any], role: str | None, me: str | None) -> list[str]:
    """The steps offered on the case c to a user of role (me: their id)."""
    status = c.get("status")
    if status == "closed" or c.get("uploading"):
        return []
    steps = ["note"]
    if role == "dealer":
        return steps
    leader, owner = role in LEADERS, c.get("owner_id") == me
    if leader:
        steps.append("assign")
    if status == "awaiting_approval" and role == "manager":
        steps += ["approve", "refuse"]
    if c.get("kind") == "complaint" and leader:
        steps.append("decide")
    if c.get("kind") in ("complaint", "incident", "delivery_discrepancy") and (leader or owner):
        steps.append("answer")
    if c.get("kind") in SERVICE_KINDS and status == "in_progress" and (leader or owner):
        if not c.get("received_on"):
            steps.append("received")
        elif not c.get("work_done"):
            steps.append("done")
        elif not c.get("sent_back_on"):
            steps.append("sent_back")
    if leader or owner:
        steps.append("close")
    return steps


def ask(
    screen: Screen,
    step: str,
    title: str,
    act: Callable[[str, str | None, bool, list[Picked]], None],
    staff: list[dict[str, Any]] | None = None,
) -> None:
    """A dialog for one step: its text (or the owner to assign; a note's photos), then
    act(text, owner, internal, photos) once the dialog has closed."""
    t = screen.t
    form = FormState()
    chosen: dict[str, Any] = {"owner": None, "internal": False, "photos": []}
    fields: list[ft.Control] = []
    if step == "assign":
        fields.append(
            ft.RadioGroup(
                on_change=lambda e: chosen.update(owner=e.control.value),
                content=ft.Column(
                    tight=True,
                    controls=[
                        ft.Radio(
                            value=str(p["id"]),
                            label=f"{p['full_name']} · {t('role_' + str(p['role']))}",
                        )
                        for p in staff or []
                    ],
                ),
            )
        )
    else:
        fields.append(
            form.field("text", t(f"ca_text_{step}"), multiline=True, min_lines=2, max_length=4000)
        )
        if step == "note" and screen.phone.user and screen.phone.user.role != "dealer":
            fields.append(
                ft.Checkbox(
                    label=t("ca_internal"),
                    on_change=lambda e: chosen.update(internal=bool(e.control.value)),
                )
            )
        if step == "note":
            picked = ft.Text(t("photos_none"), size=13)

            async def add_photos(e: Any) -> None:
                chosen["photos"] += await pick_photos(screen.shell)
                picked.value = t("photos_picked", n=len(chosen["photos"]))
                picked.update()

            add = t("add_photo")
            fields += [picked, row_button(add, add_photos, icon=ft.Icons.ADD_A_PHOTO_OUTLINED,
                                          tooltip=add)]  # fmt: skip

    def close(e: Any) -> None:
        screen.shell.close_dialog(dialog)

    def accept(e: Any) -> None:
        screen.shell.close_dialog(dialog)

        async def after_close() -> None:
            await asyncio.sleep(DIALOG_CLOSE_S)
            act(form.get("text"), chosen["owner"], chosen["internal"], chosen["photos"])

        screen.shell.page.run_task(after_close)

    step_name = t(f"ca_{step}")
    dialog = ft.AlertDialog(
        modal=True,
        title=ft.Text(t("ca_confirm", step=step_name, title=title), size=17),
        content=ft.Column(tight=True, spacing=10, controls=fields, width=340),
        actions=[
            ft.TextButton(content=t("ca_cancel"), on_click=close),
            ft.FilledButton(
                content=step_name,
                on_click=accept,
                style=ft.ButtonStyle(bgcolor=ft.Colors.RED_700) if step == "refuse" else None,
            ),
        ],
    )
    screen.shell.page.show_dialog(dialog)
