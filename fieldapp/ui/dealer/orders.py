"""The dealer's orders tab (订单): the orders reps took in the outlets it supplies, from the phone's
store, grouped by what the dealer has to do — 待处理 first, then 待发货, 已发货, 已完成 — each with
the outlet, its address and contact, the lines and how long ago it was submitted."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.dealer_orders import DEALER_STATUS
from fieldapp.ui.order_parts import status_pill
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, empty, heading

SHOWN_LINES = 3  # lines named on a list card; the rest as "等 N 个品项"


class OrdersScreen(Screen):
    """Orders addressed to the dealer, by group; tap one to accept, reject or ship it."""

    tab = "orders"
    refresh_on_sync = True

    def title(self) -> str:
        """订单."""
        return self.t("tab_orders")

    def body(self) -> ft.Control:
        """The groups (an empty 待处理 says so; other empty groups are left out)."""
        items: list[ft.Control] = []
        for name, rows in self.phone.dealer_orders.grouped():
            if not rows and name != "submitted":
                continue
            items.append(heading(self.t(f"do_group_{name}", n=len(rows))))
            if not rows:
                items.append(empty(self.t("do_none_waiting"), ft.Icons.RECEIPT_LONG_OUTLINED))
            items += [self._order(o) for o in rows]
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _order(self, o: dict[str, Any]) -> ft.Control:
        name = o.get("ship_to_name") or "—"
        lines = o["lines"]
        named = "、".join(
            f"{x['product']} ×{x['ordered'] if x['accepted'] is None else x['accepted']}"
            for x in lines[:SHOWN_LINES]
        )
        if len(lines) > SHOWN_LINES:
            named += "…"
        age = self.t("do_age_0") if o["age_days"] == 0 else self.t("do_age_n", n=o["age_days"])
        contact = " · ".join(x for x in (o.get("ship_to_contact"), o.get("ship_to_phone")) if x)
        rows: list[ft.Control] = [
            ft.Row(
                spacing=8,
                controls=[
                    ft.Text(
                        name,
                        size=16,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                        max_lines=2,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    status_pill(o, self.lang, DEALER_STATUS),
                ],
            ),
            ft.Text(
                " · ".join(x for x in (o.get("ship_to_address"), contact) if x) or "—",
                size=13,
                color=MUTED,
                max_lines=2,
                overflow=ft.TextOverflow.ELLIPSIS,
            ),
            ft.Text(named, size=14, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
            ft.Text(
                f"{age} · "
                + self.t(
                    "do_summary", n=len(lines), boxes=o["boxes"], amount=fmt.money(o["amount"])
                ),
                size=13,
                color=MUTED,
            ),
        ]
        if o.get("status_reason"):
            rows.append(
                ft.Text(
                    self.t("do_reason_line", reason=o["status_reason"]),
                    size=13,
                    max_lines=2,
                    overflow=ft.TextOverflow.ELLIPSIS,
                )
            )
        return ft.Container(
            on_click=lambda e, oid=o["id"]: self.shell.open("dealer_order", order_id=oid),
            tooltip=self.t("do_open", name=name),
            content=card(*rows),
        )
