"""One warning (预警) on the desk: its reason with figures, how long it has been open and when it
is due, its owner and history (public.warning_detail); the steps the user's role may take —
assign, acknowledge, an investigation note, resolve with a category (reps: notes only) — and the
customer's card and ledger."""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.services import formatting as fmt
from fieldapp.services.warning_desk import CATEGORIES
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, card, pill, row_button, severity_color

DIALOG_CLOSE_S = 0.3  # a dialog's closing animation
LEADERS = ("area_manager", "manager")
ICONS = {
    "assign": ft.Icons.PERSON_ADD,
    "acknowledge": ft.Icons.VISIBILITY,
    "note": ft.Icons.NOTE_ADD,
    "resolve": ft.Icons.TASK_ALT,
}


def steps_for(w: dict[str, Any], role: str | None) -> list[str]:
    """What the role may do on the warning (the server checks again)."""
    if w.get("status") == "resolved":
        return []
    if role not in LEADERS:
        return ["note"]
    steps = ["assign"]
    if w.get("status") == "open":
        steps.append("acknowledge")
    return [*steps, "note", "resolve"]


class WarningScreen(OnlineScreen):
    """A warning and its steps."""

    offline_key = "wd_offline"

    def __init__(self, shell: Any, warning_id: str) -> None:
        super().__init__(shell)
        self.warning_id = warning_id

    def title(self) -> str:
        """预警."""
        w = self.data or {}
        name = 1 if self.lang == "en" else 0
        kind = w.get("kind")
        return (
            legend.WARNING_KINDS[kind][name] if kind in legend.WARNING_KINDS else self.t("wd_one")
        )

    def load(self) -> dict[str, Any]:
        """The warning from the server."""
        return self.phone.warning_desk.detail(self.warning_id)

    def content(self, w: dict[str, Any]) -> ft.Control:
        """Header, reason, history, steps, links."""
        pills: list[ft.Control] = [
            pill(self.t("wd_sev_" + str(w.get("severity"))), severity_color(w.get("severity")))
        ]
        if w.get("overdue"):
            pills.append(pill(self.t("wd_overdue"), ft.Colors.RED_700, filled=True))
        status = self.t("wd_status_" + str(w.get("status")))
        items: list[ft.Control] = [
            card(
                ft.Row(
                    spacing=6,
                    controls=[
                        ft.Text(
                            w.get("customer_name") or "",
                            size=17,
                            weight=ft.FontWeight.W_600,
                            expand=True,
                        ),
                        *pills,
                    ],
                ),
                ft.Text(w.get("message_en" if self.lang == "en" else "message_zh") or "", size=15),
                ft.Text(
                    self.t(
                        "wd_facts",
                        status=status,
                        raised=fmt.day(w.get("raised_at")),
                        due=fmt.day(w.get("due_on")),
                        owner=w.get("owner_name") or self.t("cs_nobody"),
                    ),
                    size=13,
                    color=MUTED,
                ),
            )
        ]
        if w.get("resolution"):
            category = CATEGORIES.get(str(w.get("resolution_category")))
            head = category(self.lang) if category else ""
            items.append(
                card(ft.Text(f"{head} · {w['resolution']}", size=14), title=self.t("wd_resolved"))
            )
        if w.get("events"):
            items.append(card(*[self._event(e) for e in w["events"]], title=self.t("cs_history")))
        buttons = [
            row_button(
                self.t(f"wd_{s}"),
                lambda e, s=s: self._ask(w, s),
                icon=ICONS[s],
                tooltip=self.t(f"wd_{s}"),
            )
            for s in steps_for(w, self.phone.user.role if self.phone.user else None)
        ]
        customer = str(w.get("customer_id"))
        buttons += [
            row_button(
                self.t("wd_card"),
                lambda e: self.shell.open("customer_card", customer_id=customer),
                icon=ft.Icons.STOREFRONT_OUTLINED,
                tooltip=self.t("wd_card"),
            ),
            row_button(
                self.t("wd_ledger"),
                lambda e: self.shell.open(
                    "dealer_ledger", customer_id=customer, name=w.get("customer_name") or ""
                ),
                icon=ft.Icons.ACCOUNT_BALANCE_OUTLINED,
                tooltip=self.t("wd_ledger"),
            ),
        ]
        items.append(ft.Row(wrap=True, spacing=8, run_spacing=8, controls=buttons))
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _event(self, e: dict[str, Any]) -> ft.Control:
        who = e.get("actor_name") or self.t("cs_system")
        what = self.t("wd_ev_" + str(e.get("action")))
        head = f"{fmt.day(e.get('at'))} {fmt.clock(e.get('at'))} · {who} · {what}"
        if e.get("action") == "assigned" and e.get("owner_name"):
            head += f" → {e['owner_name']}"
        lines: list[ft.Control] = [ft.Text(head, size=12, color=MUTED)]
        if e.get("note"):
            lines.append(ft.Text(e["note"], size=14))
        return ft.Column(spacing=2, controls=lines)

    # -- steps -----------------------------------------------------------------------------------

    def _ask(self, w: dict[str, Any], step: str) -> None:
        if step == "assign":
            self.run(
                lambda: self.phone.warning_desk.staff(self.warning_id),
                lambda staff: self._dialog(step, staff),
            )
            return
        self._dialog(step, [])

    def _dialog(self, step: str, staff: list[dict[str, Any]]) -> None:
        """The step's dialog: the owner (assign), the category (resolve), the note."""
        form = FormState()
        chosen: dict[str, Any] = {"owner": None, "category": None}
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
                                label=f"{p['full_name']} · {self.t('role_' + str(p['role']))}",
                            )
                            for p in staff
                        ],
                    ),
                )
            )
        if step == "resolve":
            fields.append(
                ft.RadioGroup(
                    on_change=lambda e: chosen.update(category=e.control.value),
                    content=ft.Column(
                        tight=True,
                        controls=[
                            ft.Radio(value=key, label=label(self.lang))
                            for key, label in CATEGORIES.items()
                        ],
                    ),
                )
            )
        fields.append(
            form.field(
                "text", self.t(f"wd_text_{step}"), multiline=True, min_lines=2, max_length=4000
            )
        )

        def accept(e: Any) -> None:
            self.shell.close_dialog(dialog)

            async def after_close() -> None:
                await asyncio.sleep(DIALOG_CLOSE_S)
                self._act(step, form.get("text"), chosen["owner"], chosen["category"])

            self.shell.page.run_task(after_close)

        name = self.t(f"wd_{step}")
        dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(name, size=17),
            content=ft.Column(tight=True, spacing=10, width=340, controls=fields),
            actions=[
                ft.TextButton(
                    content=self.t("ca_cancel"), on_click=lambda e: self.shell.close_dialog(dialog)
                ),
                ft.FilledButton(content=name, on_click=accept),
            ],
        )
        with self.shell.ui_lock:
            self.shell.page.show_dialog(dialog)

    def _act(self, step: str, text: str, owner: str | None, category: str | None) -> None:
        def work() -> Any:
            return self.phone.warning_desk.act(
                self.warning_id, step, text, owner_id=owner, category=category
            )

        def done(_: Any) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("wd_done", step=self.t(f"wd_{step}")))
            # phones pull the warning's new state; the desk fetches again after this sync
            self.shell.request_sync()
            self.reload()

        self.run(work, done)
