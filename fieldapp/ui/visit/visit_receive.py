"""At the outlet's visit: its shipped orders, each with 确认收货 — an online step (receive_order),
which says 需联网 when the server cannot be reached and changes nothing then."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, error_banner, note_banner


class Receipts:
    """The shipped orders of the visit's outlet; the ones marked received here are hidden at once
    (the sync then brings their new status)."""

    def __init__(self, screen: Screen, customer_id: str) -> None:
        self.screen = screen
        self.customer_id = customer_id
        self.received: set[str] = set()
        self.busy: str | None = None
        self.problem = ""

    def build(self) -> ft.Control | None:
        """The card, or None when nothing waits for a receipt."""
        s = self.screen
        svc = s.phone.order_status
        waiting = [o for o in svc.to_receive(self.customer_id) if o["id"] not in self.received]
        if not waiting:
            return None
        offline = svc.offline()
        rows: list[ft.Control] = []
        if self.problem:
            rows.append(error_banner(self.problem))
        elif offline:
            rows.append(note_banner(s.t("ro_receive_offline"), ft.Icons.CLOUD_OFF))
        for o in waiting:
            day = fmt.day(o.get("ordered_on"))
            shipped = fmt.day(o.get("shipped_on")) if o.get("shipped_on") else ""
            rows.append(
                ft.Row(
                    spacing=8,
                    controls=[
                        ft.Column(
                            spacing=2,
                            expand=True,
                            controls=[
                                ft.Text(
                                    s.t(
                                        "ro_line",
                                        day=day,
                                        boxes=o["boxes"],
                                        amount=fmt.money(o["amount"]),
                                    ),
                                    size=14,
                                ),
                                *(
                                    [
                                        ft.Text(
                                            s.t("do_shipped_on", day=shipped), size=13, color=MUTED
                                        )
                                    ]
                                    if shipped
                                    else []
                                ),
                            ],
                        ),
                        ft.FilledTonalButton(
                            content=s.t("ro_needs_net" if offline else "ro_receive"),
                            icon=ft.Icons.INVENTORY_2_OUTLINED,
                            tooltip=s.t("ro_receive_tip", day=day),
                            disabled=self.busy is not None,
                            on_click=lambda e, oid=o["id"]: self._receive(oid),
                        ),
                    ],
                )
            )
        return card(*rows, title=s.t("ro_visit_heading"))

    def _receive(self, order_id: str) -> None:
        if self.busy is not None:
            return
        s = self.screen
        self.busy, self.problem = order_id, ""
        s.refresh()

        def done(answer: Any) -> None:
            self.busy = None
            self.received.add(order_id)
            s.shell.toast(s.t("ro_received"))
            s.refresh()

        def failed(said: str, fields: dict[str, str]) -> None:
            self.busy, self.problem = None, said
            s.refresh()

        run_step(s, lambda: s.phone.order_status.receive(order_id), done, failed)
