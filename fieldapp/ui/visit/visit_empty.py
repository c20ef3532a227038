"""Checking out a visit with nothing recorded: the rep says why (关门, 老板不在, 拒绝, 其他 with a
note). The visit then counts as 已拜访·无记录 in Today, plan vs actual and the reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import error_text
from fieldapp.services.visits import EMPTY_NOTE_MAX, EMPTY_REASONS
from fieldapp.ui.widgets import MUTED, FormState
from fieldapp.ui.widgets.form_dialog import form_dialog, toggle_chips


def empty_reason_dialog(screen: Any, visit_id: str, then: Callable[[float], None]) -> None:
    """Ask why nothing was recorded, then check out with the reason; then(seconds) after."""
    lang = screen.lang
    form = FormState()
    chosen: set[str] = set()
    fields: list[ft.Control] = [
        ft.Text(screen.t("empty_visit_hint"), size=14),
        ft.Text(screen.t("empty_visit_reason"), size=13, color=MUTED),
        toggle_chips([(k, m(lang)) for k, m in EMPTY_REASONS.items()], chosen, one=True),
        form.field(
            "note",
            screen.t("empty_visit_note"),
            multiline=True,
            min_lines=2,
            max_length=EMPTY_NOTE_MAX,
            tooltip=screen.t("empty_visit_note_tip"),
        ),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        reason = next(iter(chosen), "")
        try:
            _row, seconds = screen.phone.visits.check_out(
                visit_id, empty_reason=reason, empty_note=form.get("note")
            )
        except FieldSalesError as exc:
            failed(error_text(exc, lang), {})
            return
        close()
        then(seconds)

    form_dialog(
        screen, screen.t("empty_visit_title"), fields, form, submit, screen.t("empty_visit_go")
    )
