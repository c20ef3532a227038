"""The steps a user may take on a case, and the dialog that asks for each step's text (or the new
owner). The server checks every step again (docs/cases.md): the buttons only leave out what the
user's role can never do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldapp.services.photos import Picked
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets.step_dialog import step_dialog

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
    staff_note = step == "note" and screen.phone.user and screen.phone.user.role != "dealer"
    step_name = t(f"ca_{step}")
    step_dialog(
        screen,
        title=t("ca_confirm", step=step_name, title=title),
        action=step_name,
        act=lambda got: act(got.text, got.owner, got.internal, got.photos),
        text_label=None if step == "assign" else t(f"ca_text_{step}"),
        staff=(staff or []) if step == "assign" else None,
        internal_label=t("ca_internal") if staff_note else None,
        photos=step == "note",
        danger=step == "refuse",
    )
