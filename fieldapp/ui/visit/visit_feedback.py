"""客户意见 at a visit: a satisfaction score (1–5) and what the customer said, recorded on the phone
(offline) and pushed by the sync. Once recorded, the card shows it. The visit's free-text
"客户反馈" note stays where it was; the customer card shows it as feedback without a score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.domain.meetings import SCORES
from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors, error_text
from fieldapp.ui.widgets import FormState, card, row_button
from fieldapp.ui.widgets.form_dialog import toggle_chips

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen


def feedback_card(screen: Screen, visit: dict[str, Any]) -> ft.Control:
    """The recorded score, or the score chips, the text and 保存意见."""
    svc = screen.phone.meetings
    done = svc.feedback_of_visit(visit["id"], visit["customer_id"])
    if done is not None:
        text = screen.t("fb_recorded", n=done.get("score"), text=done.get("body") or "")
        return card(ft.Text(text, size=14), title=screen.t("fb_heading"))
    chosen: set[str] = set()
    form = FormState()
    error = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)
    scores = toggle_chips([(str(n), screen.t("fb_score_n", n=n)) for n in SCORES], chosen, one=True)
    text = form.field("body", screen.t("fb_text"), multiline=True, min_lines=2, max_lines=4)

    def save(e: Any) -> None:
        score = int(next(iter(chosen))) if chosen else None
        try:
            svc.record_feedback(visit["customer_id"], score, form.get("body"), visit_id=visit["id"])
        except FieldErrors as exc:
            error.value, error.visible = next(iter(exc.fields.values()))(screen.lang), True
            error.update()
            return
        except FieldSalesError as exc:
            error.value, error.visible = error_text(exc, screen.lang), True
            error.update()
            return
        screen.shell.toast(screen.t("fb_saved"))
        screen.shell.saved()
        screen.refresh()

    return card(
        ft.Text(screen.t("fb_score"), size=13),
        scores,
        text,
        error,
        row_button(
            screen.t("fb_save"),
            save,
            icon=ft.Icons.THUMB_UP_OUTLINED,
            tooltip=screen.t("fb_save_tip"),
        ),
        title=screen.t("fb_heading"),
    )
