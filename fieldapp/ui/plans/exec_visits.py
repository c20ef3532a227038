"""高层拜访计划: the executive visits the signed-in area manager or manager planned, or is to
make, from today on (from the phone's store), soonest first; a row opens the customer's card."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, empty


class ExecVisitsScreen(Screen):
    """Upcoming executive visits, by day."""

    refresh_on_sync = True

    def title(self) -> str:
        """高层拜访计划."""
        return self.t("ev_list")

    def body(self) -> ft.Control:
        """One row per planned visit: day, customer, executive's purpose."""
        rows: list[ft.Control] = []
        customers = self.phone.customers
        for v in self.phone.exec_visits.upcoming():
            c = customers.get(str(v.get("customer_id"))) or {}
            name = c.get("name") or "—"
            rows.append(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.STARS, color="#6A1B9A"),
                    title=ft.Text(f"{fmt.day(v.get('planned_on'))} · {name}"),
                    subtitle=ft.Text(v.get("purpose") or "", color=MUTED, max_lines=2),
                    on_click=self._open(str(v.get("customer_id"))),
                    tooltip=name,
                )
            )
        if not rows:
            return empty(self.t("ev_list_none"), ft.Icons.STARS)
        return ft.ListView(padding=ft.Padding.all(12), spacing=4, controls=[card(*rows)])

    def _open(self, customer_id: str) -> Any:
        def go(e: Any) -> None:
            self.shell.open("customer_card", customer_id=customer_id)

        return go
