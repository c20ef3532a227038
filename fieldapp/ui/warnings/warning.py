"""One warning (预警) on the desk: its reason with figures, how long it has been open and when it
is due, its owner and history (public.warning_detail); the steps the user's role may take —
assign, acknowledge, an investigation note, resolve with a category (reps: notes only) — and the
customer's card and ledger."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.services import formatting as fmt
from fieldapp.services.photos import Picked
from fieldapp.services.warning_desk import CATEGORIES
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, pill, row_button, severity_color
from fieldapp.ui.widgets.photo import thumbnails
from fieldapp.ui.widgets.step_dialog import step_dialog

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
        """The warning from the server, with the bytes of its notes' photos that can be read."""
        w = self.phone.warning_desk.detail(self.warning_id)
        ids = [p for e in w.get("events") or [] for p in e.get("photo_ids") or []]
        return {**w, "photo_bytes": self.phone.sync.photo_bytes(dict.fromkeys(ids))}

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
        lines += self._photos(e.get("photo_ids") or [])
        return ft.Column(spacing=2, controls=lines)

    def _photos(self, ids: list[str]) -> list[ft.Control]:
        """Thumbnails of a note's photos that could be read, and how many could not."""
        have = (self.data or {}).get("photo_bytes") or {}
        shown = [have[p] for p in ids if p in have]
        out: list[ft.Control] = [thumbnails(shown, label=self.t("wd_photo"))] if shown else []
        if len(ids) > len(shown):
            out.append(
                ft.Text(self.t("cs_photos_later", n=len(ids) - len(shown)), size=12, color=MUTED)
            )
        return out

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
        """The step's dialog (shared with cases): the owner (assign), the category (resolve),
        the note, a note's photos."""
        name = self.t(f"wd_{step}")
        step_dialog(
            self,
            title=name,
            action=name,
            act=lambda got: self._act(step, got.text, got.owner, got.choice, got.photos),
            text_label=self.t(f"wd_text_{step}"),
            staff=staff if step == "assign" else None,
            choices=[(k, m(self.lang)) for k, m in CATEGORIES.items()]
            if step == "resolve"
            else None,
            photos=step == "note",
        )

    def _act(
        self,
        step: str,
        text: str,
        owner: str | None,
        category: str | None,
        photos: list[Picked] | None = None,
    ) -> None:
        def work() -> Any:
            ids: list[str] = []
            if photos:
                # queued as the customer's photos; a sync takes them to the server before the
                # note names them (as a case note's)
                customer = str((self.data or {}).get("customer_id"))
                ids = self.phone.cases.note_photos(customer, photos)
                if ids:
                    self.phone.sync.sync_now()
            return self.phone.warning_desk.act(
                self.warning_id, step, text, owner_id=owner, category=category, photo_ids=ids
            )

        def done(_: Any) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("wd_done", step=self.t(f"wd_{step}")))
            # phones pull the warning's new state; the desk fetches again after this sync
            self.shell.request_sync()
            self.reload()

        self.run(work, done)
