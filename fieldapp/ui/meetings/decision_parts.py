"""逾期的会议决议 on Today (reps) and on the warnings desk (area managers, managers): the
signed-in person's meeting decisions past their due date and not done (from the phone's store, so
offline too), each with its meeting, the customers who attended, the days overdue (calendar days
on the company clock) and 完成, which marks it done here; the server applies the same rules as
`decision_done` when the sync sends it."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.domain.meetings import kind_name
from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import error_text
from fieldapp.services.meetings import OverdueDecision
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, FormState, card, heading
from fieldapp.ui.widgets.form_dialog import form_dialog


def decisions_section(screen: Screen) -> list[ft.Control]:
    """The heading with the count and the rule, then one card per overdue decision."""
    items = screen.phone.meetings.overdue_decisions()
    if not items:
        return []
    rows: list[ft.Control] = [
        heading(screen.t("td_heading", n=len(items))),
        ft.Text(screen.t("td_rule"), size=12, color=MUTED),
    ]
    rows += [_decision_card(screen, i) for i in items]
    return rows


def _decision_card(screen: Screen, item: OverdueDecision) -> ft.Control:
    d, m = item.decision, item.meeting or {}
    meeting = screen.t(
        "td_meeting", kind=kind_name(m.get("kind", ""), screen.lang), day=m.get("held_on", "")
    )
    body = d.get("body", "")
    return card(
        ft.Row(
            controls=[
                ft.Icon(ft.Icons.ASSIGNMENT_LATE, color=ft.Colors.RED_700),
                ft.Text(body, size=15, weight=ft.FontWeight.W_600, expand=True),
                ft.Text(screen.t("td_overdue", n=item.days), color=ft.Colors.RED_700, size=13),
            ]
        ),
        ft.Text(f"{meeting} · {screen.t('td_due', day=d.get('due_on', ''))}", size=13, color=MUTED),
        ft.Text(_customers(screen, item), size=13),
        ft.Row(
            alignment=ft.MainAxisAlignment.END,
            controls=[
                ft.FilledButton(
                    content=screen.t("td_done"),
                    icon=ft.Icons.CHECK,
                    tooltip=screen.t("td_done_tip", body=body[:40]),
                    on_click=lambda e: _done_dialog(screen, d["id"]),
                )
            ],
        ),
    )


def _customers(screen: Screen, item: OverdueDecision) -> str:
    """The attending customers' names, and how many others (not this phone's customers)."""
    text = "、".join(item.customers)
    if item.others:
        more = screen.t("td_others", n=item.others)
        text = f"{text} {more}" if text else more
    return text or "—"


def _done_dialog(screen: Screen, decision_id: str) -> None:
    """An optional note, then done (on the phone; the sync sends it)."""
    form = FormState()
    note = form.field("note", screen.t("td_note"), multiline=True, max_length=4000)

    def submit(form: FormState, close: Any, failed: Any) -> None:
        try:
            screen.phone.meetings.mark_done(decision_id, form.get("note"))
        except FieldSalesError as exc:
            failed(error_text(exc, screen.lang), {})
            return
        close()
        screen.shell.toast(screen.t("td_done_toast"))
        screen.shell.saved()
        screen.refresh()

    form_dialog(screen, screen.t("td_done_title"), [note], form, submit, screen.t("td_done"))
