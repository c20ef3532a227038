"""Today's order lines for the rep: each open order's status (and those decided lately, with the
reason), and the overdue deliveries of the rep's dealers — asked of the server off the UI path
(overdue_deliveries), the last answer shown with its time when the server cannot be reached,
nothing when it never answered."""

from __future__ import annotations

import contextlib
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.ui.online import fetch_off_ui
from fieldapp.ui.order_parts import status_pill
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, STATUS_COLORS, card, heading

SHOWN = 8  # order lines on Today; the customer card has the rest


def orders_section(screen: Screen) -> list[ft.Control]:
    """订单动态: shipped (to receive at the next visit) first, then rejected, accepted, sent."""
    rows = screen.phone.order_status.for_today()
    if not rows:
        return []
    items: list[ft.Control] = [heading(screen.t("ro_heading", n=len(rows)))]
    for o in rows[:SHOWN]:
        c = screen.phone.customers.get(o["customer_id"]) or {}
        name = c.get("name") or o.get("ship_to_name") or "—"
        lines: list[ft.Control] = [
            ft.Row(
                spacing=8,
                controls=[
                    ft.Text(
                        name,
                        size=15,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                        max_lines=1,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    status_pill(o, screen.lang),
                ],
            ),
            ft.Text(
                screen.t(
                    "ro_line",
                    day=fmt.day(o.get("ordered_on")),
                    boxes=o["boxes"],
                    amount=fmt.money(o["amount"]),
                ),
                size=13,
                color=MUTED,
            ),
        ]
        if o.get("status_reason"):
            lines.append(
                ft.Text(o["status_reason"], size=13, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS)
            )
        if o["status"] == "shipped":
            lines.append(
                ft.Text(screen.t("ro_to_receive"), size=13, color=STATUS_COLORS["in_progress"])
            )
        items.append(
            ft.Container(
                on_click=lambda e, cid=o["customer_id"]: screen.shell.open(
                    "customer_card", customer_id=cid
                ),
                tooltip=screen.t("ro_open_card", name=name),
                content=card(*lines, padding=12),
            )
        )
    return items


def overdue_section(screen: Screen) -> ft.Control:
    """The rep's dealers' deliveries past delivery.confirm_days: the kept answer now, the
    server's when it comes (asked again only every few minutes: Today is rebuilt often)."""
    svc = screen.phone.order_status
    box = ft.Container()
    kept = svc.overdue_cached()
    if kept is not None:
        box.content = _overdue(screen, kept[0], kept[1], offline=svc.overdue_failed)

    def done(rows: Any, error: FieldSalesError | None) -> None:
        if error is not None:
            again = svc.overdue_cached()
            content = _overdue(screen, again[0], again[1], offline=True) if again else None
        else:
            fresh = svc.overdue_cached()
            content = _overdue(screen, rows or [], fresh[1] if fresh else "", offline=False)
        with screen.shell.ui_lock:
            box.content = content
            with contextlib.suppress(RuntimeError):  # not on the page (any more)
                box.update()

    if svc.overdue_due():
        fetch_off_ui(svc.fetch_overdue, done)
    return box


def _overdue(
    screen: Screen, rows: list[dict[str, Any]], at: str, *, offline: bool
) -> ft.Control | None:
    if not rows:
        return None
    items: list[ft.Control] = [heading(screen.t("ro_overdue_heading", n=len(rows)))]
    if offline and at:
        items.append(
            ft.Text(
                screen.t("ro_overdue_as_of", time=f"{fmt.day(at)} {fmt.clock(at)}"),
                size=13,
                color=MUTED,
            )
        )
    for r in rows:
        name = r.get("customer_name") or "—"
        line = screen.t(
            "ro_overdue_line",
            doc=r.get("doc_no") or "",
            day=fmt.day(r.get("shipped_on")),
            days=r.get("days_overdue") or 0,
        )
        items.append(
            ft.Container(
                on_click=_opener(screen, r.get("customer_id")),
                tooltip=screen.t("ro_overdue_open", name=name),
                content=card(
                    ft.Text(name, size=15, weight=ft.FontWeight.W_600),
                    ft.Text(line, size=13, color=STATUS_COLORS["missed"]),
                    padding=12,
                ),
            )
        )
    return ft.Column(spacing=6, controls=items)


def _opener(screen: Screen, customer_id: str | None) -> Any:
    """Open the dealer's card (when the phone knows it)."""

    def go(e: Any) -> None:
        if customer_id and screen.phone.customers.get(customer_id):
            screen.shell.open("customer_card", customer_id=customer_id)

    return go
