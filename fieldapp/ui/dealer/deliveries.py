"""The dealer's deliveries tab (到货): deliveries from the manufacturer newest first, with the days
since shipping; waiting ones first in mind (待确认, red when overdue), confirmed ones as history."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.dealer.delivery_parts import state
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, empty, heading, pill


class DeliveriesScreen(Screen):
    """Waiting deliveries, then the confirmed ones; tap one to confirm it or read it."""

    tab = "deliveries"
    refresh_on_sync = True

    def title(self) -> str:
        """到货."""
        return self.t("tab_deliveries")

    def body(self) -> ft.Control:
        """The list."""
        rows = self.phone.deliveries.deliveries()
        waiting = [d for d in rows if d["awaiting"] and not d["confirmed"]]
        rest = [d for d in rows if d not in waiting]
        items: list[ft.Control] = [heading(self.t("dv_waiting", n=len(waiting)))]
        items += [self._delivery(d) for d in waiting] or [empty(self.t("dv_none_waiting"))]
        if rest:
            items.append(heading(self.t("dv_history_heading")))
            items += [self._delivery(d) for d in rest]
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _delivery(self, d: dict[str, Any]) -> ft.Control:
        label, color = state(d, self.t)
        return ft.Container(
            on_click=lambda e, doc=d["doc_no"]: self.shell.open("delivery", doc_no=doc),
            tooltip=self.t("dv_open", doc=d["doc_no"]),
            content=card(
                ft.Row(
                    spacing=8,
                    controls=[
                        ft.Text(d["doc_no"], size=16, weight=ft.FontWeight.W_600, expand=True),
                        pill(label, color, filled=d["overdue"]),
                    ],
                ),
                ft.Text(
                    self.t(
                        "dv_line",
                        day=d["shipped_on"].isoformat(),
                        days=d["days_since"],
                        n=d["line_count"],
                        qty=int(d["quantity"]),
                        amount=fmt.money(d["amount"]),
                    ),
                    size=13,
                    color=MUTED,
                ),
            ),
        )
