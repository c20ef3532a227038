"""高层拜访 on the customer card: the customer's executive visits (from the phone's store), and
for area managers and managers 计划高层拜访 (a key customer — a dealer, grade A, core quadrant —
says it is suggested), 登记完成 and 取消拜访 of a planned one. The steps are online
(fieldapp.services.exec_visits) and run off the UI path; a sync brings the visit back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.exec_visits import STATUS, is_key
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.widgets import MUTED, FormState, card, pill, row_button
from fieldapp.ui.widgets.form_dialog import form_dialog

STATUS_COLOR = {"planned": "#6A1B9A", "done": "#2E7D32", "cancelled": "#757575"}


def exec_visit_section(screen: Any, customer: dict[str, Any]) -> ft.Control | None:
    """The card's 高层拜访 section; None for a customer without visits whom the user cannot plan
    for (reps see the visits of their customers, dealers none)."""
    svc = screen.phone.exec_visits
    if screen.phone.user is None or screen.phone.user.role == "dealer":
        return None
    cid, name = str(customer["id"]), customer.get("name") or ""
    visits = svc.of_customer(cid)
    planner = svc.can_plan() and customer.get("status") != "eliminated"
    if not visits and not planner:
        return None
    lang = screen.lang
    items: list[ft.Control] = []
    if planner and is_key(customer):
        items.append(ft.Text(screen.t("ev_key"), size=13, color="#6A1B9A"))
    for v in visits[:5]:
        status = str(v.get("status") or "planned")
        word = STATUS.get(status)
        head = ft.Row(
            spacing=8,
            controls=[
                ft.Icon(ft.Icons.STARS, color=STATUS_COLOR.get(status, MUTED), size=18),
                ft.Text(fmt.day(v.get("planned_on")), size=14, weight=ft.FontWeight.W_600),
                pill(word(lang) if word else status, STATUS_COLOR.get(status, MUTED)),
            ],
        )
        lines: list[ft.Control] = [head, ft.Text(v.get("purpose") or "", size=14)]
        if status == "done":
            lines.append(
                ft.Text(f"{fmt.day(v.get('done_on'))} · {v.get('outcome') or ''}", size=13)
            )
        elif status == "cancelled":
            lines.append(ft.Text(v.get("cancel_reason") or "", size=13, color=MUTED))
        elif planner:
            vid = str(v["id"])
            lines.append(
                ft.Row(
                    wrap=True,
                    controls=[
                        row_button(
                            screen.t("ev_done"),
                            lambda e, vid=vid: done_dialog(screen, vid, name),
                            icon=ft.Icons.TASK_ALT,
                            tooltip=screen.t("ev_done"),
                        ),
                        row_button(
                            screen.t("ev_cancel"),
                            lambda e, vid=vid: cancel_dialog(screen, vid, name),
                            icon=ft.Icons.EVENT_BUSY,
                            tooltip=screen.t("ev_cancel"),
                        ),
                    ],
                )
            )
        items.append(ft.Column(spacing=4, controls=lines))
    if not visits:
        items.append(ft.Text(screen.t("ev_none"), size=14, color=MUTED))
    if planner:
        items.append(
            row_button(
                screen.t("ev_plan"),
                lambda e: plan_dialog(screen, cid, name),
                icon=ft.Icons.EVENT_AVAILABLE,
                tooltip=screen.t("ev_plan"),
            )
        )
    return card(*items, title=screen.t("ev_card"))


def _dialog(
    screen: Any,
    title: str,
    name: str,
    fields: list[tuple[str, str, bool]],
    values: dict[str, str],
    work: Callable[[FormState], Any],
    said: Callable[[Any], str],
) -> None:
    form = FormState()
    form.values.update(values)
    controls: list[ft.Control] = [ft.Text(name, size=15, weight=ft.FontWeight.W_600)]
    for key, label, multi in fields:
        if multi:
            controls.append(form.field(key, label, multiline=True, min_lines=2, max_length=4000))
        else:
            controls.append(form.field(key, label))

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        def done(answer: Any) -> None:
            close()
            screen.shell.toast(said(answer))

        run_step(screen, lambda: work(form), done, failed)

    form_dialog(screen, title, controls, form, submit)


def plan_dialog(screen: Any, cid: str, name: str) -> None:
    """计划高层拜访: the day (a week from today by default) and the purpose."""
    svc = screen.phone.exec_visits
    first = (svc.today() + dt.timedelta(days=7)).isoformat()
    _dialog(
        screen,
        screen.t("ev_plan"),
        name,
        [("day", screen.t("ev_day"), False), ("purpose", screen.t("ev_purpose"), True)],
        {"day": first},
        lambda f: svc.plan(cid, f.get("day"), f.get("purpose")),
        lambda row: screen.t("ev_planned", day=fmt.day(row.get("planned_on"))),
    )


def done_dialog(screen: Any, visit_id: str, name: str) -> None:
    """登记完成: the day (today by default) and the outcome."""
    svc = screen.phone.exec_visits
    _dialog(
        screen,
        screen.t("ev_done"),
        name,
        [("day", screen.t("ev_done_day"), False), ("outcome", screen.t("ev_outcome"), True)],
        {"day": svc.today().isoformat()},
        lambda f: svc.done(visit_id, f.get("day"), f.get("outcome")),
        lambda row: screen.t("ev_recorded"),
    )


def cancel_dialog(screen: Any, visit_id: str, name: str) -> None:
    """取消拜访: the reason."""
    svc = screen.phone.exec_visits
    _dialog(
        screen,
        screen.t("ev_cancel"),
        name,
        [("reason", screen.t("ev_cancel_reason"), True)],
        {},
        lambda f: svc.cancel(visit_id, f.get("reason")),
        lambda row: screen.t("ev_cancelled"),
    )
