"""The outlet's latest orders on its customer card: when, how much, and the status the dealer
left (已提交 / 已接单 / 已拒绝 / 已发货 / 已收货 / 已取消) with its reason."""

from __future__ import annotations

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.order_parts import status_pill
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, STATUS_COLORS


def order_rows(screen: Screen, customer_id: str) -> list[ft.Control]:
    """One row per order (newest first), or 暂无 when the outlet has none."""
    rows: list[ft.Control] = []
    for o in screen.phone.order_status.of_customer(customer_id):
        lines: list[ft.Control] = [
            ft.Row(
                spacing=8,
                controls=[
                    ft.Text(
                        screen.t(
                            "ro_line",
                            day=fmt.day(o.get("ordered_on")),
                            boxes=o["boxes"],
                            amount=fmt.money(o["amount"]),
                        ),
                        size=14,
                        expand=True,
                    ),
                    status_pill(o, screen.lang),
                ],
            )
        ]
        if o.get("status_reason"):
            lines.append(ft.Text(o["status_reason"], size=13, color=MUTED))
        if o.get("status") == "shipped":
            lines.append(
                ft.Text(screen.t("ro_to_receive"), size=13, color=STATUS_COLORS["in_progress"])
            )
        rows.append(ft.Column(spacing=2, controls=lines))
    if not rows:
        rows.append(ft.Text(screen.t("none_yet"), color=MUTED, size=14))
    return rows
