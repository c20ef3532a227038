"""Down the chain: a dealer's tier-2/3 outlets with their orders and stock counts, and the
numeric distribution of each SKU among them (how many outlets carry it)."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.ledger.ledger_common import money, pct, progress_bar
from fieldapp.ui.ledger.ledger_targets import target_section
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.theme import PRIMARY_COLOR
from fieldapp.ui.widgets import MUTED, card, empty, heading, pill

STOCK_SHOWN = 4  # SKUs of the last count listed under an outlet


class ChainScreen(OnlineScreen):
    """Distribution per SKU, then the outlets."""

    def __init__(self, shell: Any, customer_id: str, name: str) -> None:
        super().__init__(shell)
        self.customer_id, self.name = customer_id, name

    def title(self) -> str:
        """Outlets · dealer."""
        return f"{self.t('lg_chain')} · {self.name}"

    def load(self) -> dict[str, Any]:
        """Outlets and distribution over the last 90 days."""
        return self.phone.ledger.chain(self.customer_id)

    def content(self, data: dict[str, Any]) -> ft.Control:
        """Distribution card and outlet cards."""
        outlets, dist = data["outlets"], data["distribution"]
        items: list[ft.Control] = [heading(self.t("lg_chain_title", days=data["days"]))]
        items.append(target_section(self, self.customer_id))  # 分销目标与实际 (online)
        carried = [d for d in dist if d["carrying"]]
        if carried:
            rows: list[ft.Control] = []
            for d in carried:
                rows.append(
                    ft.Row(
                        controls=[
                            ft.Text(
                                d["product_name"],
                                size=14,
                                expand=True,
                                no_wrap=True,
                                overflow=ft.TextOverflow.ELLIPSIS,
                            ),
                            ft.Text(f"{d['carrying']}/{d['outlets']}", size=14, color=MUTED),
                            ft.Text(
                                pct(d["distribution_pct"]),
                                size=14,
                                weight=ft.FontWeight.W_600,
                                width=56,
                                text_align=ft.TextAlign.RIGHT,
                            ),
                        ]
                    )
                )
                rows.append(
                    progress_bar(d["carrying"], d["outlets"], d["sku"], color=PRIMARY_COLOR)
                )
            items.append(card(*rows, title=self.t("lg_distribution")))
        items.append(heading(self.t("lg_outlets", n=len(outlets))))
        items += [self._outlet(o) for o in outlets]
        if not outlets:
            items.append(empty(self.t("lg_no_outlets"), ft.Icons.STORE))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _outlet(self, o: dict[str, Any]) -> ft.Control:
        stock = o.get("stock") or {}
        shown = [f"{sku} {fmt.quantity(q)}" for sku, q in list(stock.items())[:STOCK_SHOWN] if q]
        lines: list[ft.Control] = [
            ft.Row(
                controls=[
                    ft.Text(o["name"], size=15, weight=ft.FontWeight.W_600, expand=True),
                    pill(self.t(f"lg_tier_{o['tier']}"), ft.Colors.PRIMARY),
                ]
            ),
            ft.Text(
                f"{o['code']} · "
                + self.t("lg_outlet_orders", n=o["orders"], amount=money(o["order_amount"]))
                + f" · {self.t('lg_bought')} {money(o['purchases'])}",
                size=13,
            ),
            ft.Text(
                self.t("lg_outlet_visit", day=fmt.day(o.get("last_visit_at")))
                + " · "
                + self.t("lg_outlet_stock", n=o["skus_in_stock"]),
                size=13,
                color=MUTED,
            ),
        ]
        if shown:
            lines.append(ft.Text("、".join(shown), size=13, color=MUTED))
        return card(*lines, padding=12)
