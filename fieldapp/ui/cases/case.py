"""One after-sales case (售后单): what was asked, the products, the answer (what the customer
reads), the decision and the history; below, the steps the user may take. Read from the server
(public.case_detail: names of who acted); offline, what the phone has, so a dealer can always
follow its request."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.cases import FINISHED
from fieldapp.services.photos import Picked
from fieldapp.ui.cases.case_actions import ask, steps_for
from fieldapp.ui.cases.case_parts import status_pill
from fieldapp.ui.online import OnlineScreen, offline_panel
from fieldapp.ui.widgets import MUTED, card, empty, labelled, row_button
from fieldapp.ui.widgets.photo import thumbnails

STEP_ICONS = {
    "note": ft.Icons.NOTE_ADD,
    "assign": ft.Icons.PERSON_ADD,
    "decide": ft.Icons.GAVEL,
    "answer": ft.Icons.REPLY,
    "approve": ft.Icons.CHECK,
    "refuse": ft.Icons.BLOCK,
    "received": ft.Icons.MOVE_TO_INBOX,
    "done": ft.Icons.BUILD,
    "sent_back": ft.Icons.LOCAL_SHIPPING,
    "close": ft.Icons.TASK_ALT,
}


class CaseScreen(OnlineScreen):
    """A case and its steps."""

    offline_key = "cs_offline"
    refresh_on_sync = reload_on_sync = True

    def __init__(self, shell: Any, case_id: str) -> None:
        super().__init__(shell)
        self.case_id = case_id

    def title(self) -> str:
        """The case's kind."""
        c = self.data or self.phone.cases.case(self.case_id) or {}
        return self.t("case_kind_" + str(c.get("kind"))) if c else self.t("cs_title_new")

    def load(self) -> dict[str, Any]:
        """From the server, with its photos; a request that has not reached it yet, from the
        phone."""
        local = self.phone.cases.case(self.case_id)
        if local is not None and local["uploading"]:
            return self._with_photos(local, ask_server=False)
        return self._with_photos(self.phone.cases.detail(self.case_id), ask_server=True)

    def _with_photos(self, c: dict[str, Any], *, ask_server: bool) -> dict[str, Any]:
        """The case with the bytes of the photos of the request and of each event that can be
        read now (the phone's own; online, the server's)."""
        ids = [*(c.get("photo_ids") or [])]
        ids += [p for e in c.get("events") or [] for p in e.get("photo_ids") or []]
        return {
            **c,
            "photo_bytes": self.phone.sync.photo_bytes(dict.fromkeys(ids), ask_server=ask_server),
        }

    def body(self) -> ft.Control:
        """Offline: the panel above what the phone has."""
        if self.error is None:
            return super().body()
        panel = offline_panel(self, self.error, self.reload, detail=self.t(self.offline_key))
        local = self.phone.cases.case(self.case_id)
        if local is None:
            return ft.ListView(padding=16, controls=[panel, empty(self.t("cs_not_here"))])
        return self._view(self._with_photos(local, ask_server=False), [panel], online=False)

    def content(self, c: dict[str, Any]) -> ft.Control:
        """The case."""
        return self._view(c, [], online=True)

    def _view(self, c: dict[str, Any], items: list[ft.Control], *, online: bool) -> ft.Control:
        items.append(self._header(c))
        if c.get("answer") or self.phone.user.role == "dealer":
            items.append(
                card(
                    ft.Text(c.get("answer") or self.t("cs_no_answer"), size=15),
                    title=self.t("cs_answer"),
                )
            )
        detail: list[ft.Control] = [ft.Text(c.get("detail") or "—", size=14)]
        opened = next((e for e in c.get("events") or [] if e.get("action") == "opened"), {})
        detail += self._photos(c, c.get("photo_ids") or opened.get("photo_ids"))
        items.append(card(*detail, title=self.t("cs_detail")))
        if c.get("lines"):
            items.append(card(*[self._line(x) for x in c["lines"]], title=self.t("cs_goods")))
        for key in ("decision", "resolution"):
            if c.get(key):
                items.append(card(ft.Text(c[key], size=14), title=self.t(f"cs_{key}")))
        if c.get("received_on") or c.get("work_done"):
            items.append(
                card(
                    ft.Text(c.get("work_done") or "", size=14),
                    ft.Text(
                        self.t(
                            "cs_service_steps",
                            received=fmt.day(c.get("received_on")),
                            done=fmt.day(c.get("done_on")) if c.get("done_on") else "—",
                            sent=fmt.day(c.get("sent_back_on")),
                        ),
                        size=13,
                        color=MUTED,
                    ),
                    title=self.t("ca_done"),
                )
            )
        if c.get("events"):
            items.append(
                card(*[self._event(c, e) for e in c["events"]], title=self.t("cs_history"))
            )
        user = self.phone.user
        steps = steps_for(c, user.role, user.user_id) if online else []
        if steps:
            items.append(
                ft.Row(
                    wrap=True,
                    spacing=8,
                    run_spacing=8,
                    controls=[
                        row_button(
                            self.t(f"ca_{s}"),
                            lambda e, s=s: self._step(c, s),
                            icon=STEP_ICONS[s],
                            tooltip=self.t(f"ca_{s}"),
                        )
                        for s in steps
                    ],
                )
            )
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _header(self, c: dict[str, Any]) -> ft.Control:
        rows: list[ft.Control] = [
            ft.Row(
                spacing=8,
                controls=[
                    ft.Text(c.get("title") or "", size=17, weight=ft.FontWeight.W_600, expand=True),
                    status_pill(c, self.t),
                ],
            )
        ]
        facts: list[ft.Control] = []
        if c.get("customer_name"):
            facts.append(labelled(self.t("cs_customer"), c["customer_name"]))
        if self.phone.user.role != "dealer":
            facts.append(labelled(self.t("cs_owner"), c.get("owner_name") or self.t("cs_nobody")))
        if facts:
            rows.append(ft.Row(wrap=True, spacing=24, controls=facts))
        sub = [self.t("case_severity_" + str(c.get("severity") or "medium"))]
        if c.get("doc_no"):
            sub.append(str(c["doc_no"]))
        sub.append(fmt.day(c.get("opened_at")))
        if c.get("due_at") and c.get("status") not in FINISHED:
            sub.append(self.t("cs_due", day=fmt.day(c["due_at"])))
        level = int(c.get("escalation_level") or 0)
        if level and self.phone.user.role != "dealer":
            sub.append(self.t("cs_level" if level == 1 else "cs_level_2"))
        rows.append(ft.Text(" · ".join(sub), size=13, color=MUTED))
        return card(*rows)

    def _line(self, x: dict[str, Any]) -> ft.Control:
        name = x.get("product") or x.get("sku") or ""
        text = self.t("cs_goods_line", product=name, qty=fmt.quantity(x.get("quantity")))
        lines: list[ft.Control] = [ft.Text(text, size=14)]
        if x.get("shipped_quantity") is not None:
            figures = {
                k: fmt.quantity(x.get(f"{k}_quantity"))
                for k in ("shipped", "received", "damaged", "missing")
            }
            lines.append(ft.Text(self.t("cs_goods_figures", **figures), size=12, color=MUTED))
        return ft.Column(spacing=2, controls=lines)

    def _photos(self, c: dict[str, Any], ids: list[str] | None) -> list[ft.Control]:
        """Thumbnails of those photos that could be read, and how many could not."""
        shown = [c["photo_bytes"][p] for p in ids or [] if p in c.get("photo_bytes", {})]
        out: list[ft.Control] = [thumbnails(shown, label=self.t("cs_photo"))] if shown else []
        if len(ids or []) > len(shown):
            missing = len(ids or []) - len(shown)
            out.append(ft.Text(self.t("cs_photos_later", n=missing), size=12, color=MUTED))
        return out

    def _event(self, c: dict[str, Any], e: dict[str, Any]) -> ft.Control:
        action = str(e.get("action"))
        if action == "assigned":
            what = self.t("ev_assigned", owner=e.get("owner_name") or "—")
        elif action == "status":
            what = self.t(
                "ev_status",
                from_=self.t("case_status_" + str(e.get("from_status"))),
                to=self.t("case_status_" + str(e.get("to_status"))),
            )
        else:
            what = self.t(f"ev_{action}")
        who = self._who(e)
        head = f"{fmt.day(e.get('at'))} {fmt.clock(e.get('at'))} · {who} · {what}"
        if e.get("internal"):
            head += f" · {self.t('cs_internal')}"
        lines: list[ft.Control] = [ft.Text(head, size=12, color=MUTED)]
        if e.get("note"):
            lines.append(ft.Text(e["note"], size=14))
        if e.get("action") != "opened":  # the request's photos are shown with its detail
            lines += self._photos(c, e.get("photo_ids"))
        return ft.Column(spacing=2, controls=lines)

    def _who(self, e: dict[str, Any]) -> str:
        """You; for a dealer, the manufacturer (staff) or you; for staff, the person or the
        system (a rule, an escalation)."""
        if e.get("actor_id") and e.get("actor_id") == self.phone.user.user_id:
            return self.t("cs_you")
        if self.phone.user.role == "dealer":
            return self.t("cs_you") if e.get("actor_role") == "dealer" else self.t("cs_company")
        if not e.get("actor_id"):
            return self.t("cs_system")
        return str(e.get("actor_name") or "—")

    # -- steps ---------------------------------------------------------------------------------

    def _step(self, c: dict[str, Any], step: str) -> None:
        title = str(c.get("title") or "")

        def act(text: str, owner: str | None, internal: bool, photos: list[Picked]) -> None:
            self._act(c, step, text, owner, internal, photos)

        if step != "assign":
            ask(self, step, title, act)
            return
        self.run(
            lambda: self.phone.cases.staff(self.case_id),
            lambda staff: self._ask_owner(title, staff, act),
        )

    def _ask_owner(self, title: str, staff: list[dict[str, Any]], act: Any) -> None:
        with self.shell.ui_lock:
            ask(self, "assign", title, act, staff)

    def _act(
        self,
        c: dict[str, Any],
        step: str,
        text: str,
        owner: str | None,
        internal: bool,
        photos: list[Picked],
    ) -> None:
        def work() -> Any:
            cases = self.phone.cases
            ids = cases.note_photos(str(c.get("customer_id")), photos) if photos else []
            if ids:
                self.phone.sync.sync_now()  # the photos' rows reach the server before the note
            return cases.act(
                self.case_id, step, text, owner_id=owner, internal=internal, photo_ids=ids
            )

        def done(_: Any) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("ca_done_toast", step=self.t(f"ca_{step}")))
            self.shell.request_sync()
            self.reload()

        self.run(work, done)
