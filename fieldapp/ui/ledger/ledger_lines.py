"""The lines behind one month of a dealer's ledger: purchases (date, SKU, spec, quantity,
amount, settlement status), payments and credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.ledger.ledger_common import GOOD, figure, figures, money
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, STATUS_COLORS, card, empty, pill

SETTLE_COLORS = {
    "unsettled": STATUS_COLORS["missed"],
    "partial": STATUS_COLORS["in_progress"],
    "settled": STATUS_COLORS["done"],
}
KIND_ICONS = {
    "purchase": ft.Icons.LOCAL_SHIPPING_OUTLINED,
    "payment": ft.Icons.PAYMENTS_OUTLINED,
    "return": ft.Icons.ASSIGNMENT_RETURN_OUTLINED,
    "credit_note": ft.Icons.RECEIPT_LONG_OUTLINED,
}


class LedgerLinesScreen(OnlineScreen):
    """A month's lines with its totals."""

    def __init__(self, shell: Any, customer_id: str, month: dt.date) -> None:
        super().__init__(shell)
        self.customer_id, self.month = customer_id, month

    def title(self) -> str:
        """Lines of YYYY年M月."""
        label = self.t("lg_month", year=self.month.year, month=self.month.month)
        return self.t("lg_lines_title", month=label)

    def load(self) -> list[dict[str, Any]]:
        """The month's lines."""
        return self.phone.ledger.lines(self.customer_id, self.month)

    def content(self, data: list[dict[str, Any]]) -> ft.Control:
        """Totals, then one row per line in date order."""
        zero = Decimal(0)
        bought = sum((x["amount"] for x in data if x["kind"] == "purchase"), zero)
        paid = sum((x["amount"] for x in data if x["kind"] == "payment"), zero)
        credited = sum((x["amount"] for x in data if x["kind"] in ("return", "credit_note")), zero)
        items: list[ft.Control] = [
            card(
                figures(
                    figure(self.t("lg_bought"), money(bought)),
                    figure(self.t("lg_payments"), money(paid)),
                    figure(self.t("lg_credits"), money(credited)),
                )
            )
        ]
        items += [self._line(x) for x in data]
        if not data:
            items.append(empty(self.t("lg_no_lines")))
        return ft.ListView(padding=ft.Padding.all(12), spacing=4, controls=items)

    def _line(self, x: dict[str, Any]) -> ft.Control:
        kind = x["kind"]
        purchase = kind == "purchase"
        title = (
            f"{x.get('product_name') or ''} {x.get('spec') or ''}".strip()
            if x.get("sku")
            else (x.get("reference") or "")
        )
        details = [fmt.day(x.get("on_date"))]
        if x.get("sku"):
            details.append(x["sku"])
        if x.get("quantity") is not None:
            unit = f" × {money(x['unit_price'])}" if x.get("unit_price") is not None else ""
            details.append(f"{fmt.quantity(x['quantity'])}{unit}")
        if purchase and x.get("seller_code"):
            details.append(self.t("lg_from_seller", code=x["seller_code"]))
        if not purchase and x.get("reference") and x.get("sku"):
            details.append(x["reference"])
        badges: list[ft.Control] = [pill(self.t(f"lg_kind_{kind}"), "#5F6B7A")]
        status = x.get("settlement_status")
        if purchase and status in SETTLE_COLORS:
            badges.append(pill(self.t(f"lg_settle_{status}"), SETTLE_COLORS[status]))
        return ft.Container(
            padding=ft.Padding.symmetric(horizontal=8, vertical=8),
            border=ft.Border.only(bottom=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
            content=ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Icon(KIND_ICONS.get(kind, ft.Icons.RECEIPT), color=MUTED, size=22),
                    ft.Column(
                        spacing=2,
                        expand=True,
                        controls=[
                            ft.Text(title or "—", size=15, weight=ft.FontWeight.W_600),
                            ft.Text(" · ".join(details), size=13, color=MUTED),
                            ft.Row(spacing=6, wrap=True, controls=badges),
                        ],
                    ),
                    ft.Text(
                        money(x["amount"]) if purchase else f"−{money(x['amount'])}",
                        size=15,
                        weight=ft.FontWeight.W_600,
                        color=None if purchase else GOOD,
                    ),
                ],
            ),
        )
