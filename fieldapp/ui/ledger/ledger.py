"""The ledger tab (台账) of area managers and managers: the dealers of their areas with plan
progress and balance against credit, and the contracts that need attention."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.desk_parts import desk_table
from fieldapp.ui.ledger.ledger_common import BAD, money, pct, progress_bar, progress_color
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, chips, empty, heading, pill
from fieldapp.ui.widgets.table import Col, Sort, sorted_rows

DEALERS, ATTENTION = "dealers", "attention"


class LedgerScreen(OnlineScreen):
    """Area → dealers with progress bars; a toggle to the contracts needing attention."""

    tab = "ledger"
    split = True  # at a desk, a dealer's ledger opens beside the list

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.mode = DEALERS
        self.sort: Sort | None = None  # the table's sorted column (a desk-size window)

    def title(self) -> str:
        """台账."""
        return self.t("tab_ledger")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [
            ft.IconButton(
                ft.Icons.REFRESH,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("lg_refresh"),
                on_click=lambda e: self.reload(),
            )
        ]

    def load(self) -> dict[str, Any]:
        """Dealers in scope and contracts needing attention."""
        svc = self.phone.ledger
        return {"dealers": svc.dealers(), "attention": svc.attention()}

    def content(self, data: dict[str, Any]) -> ft.Control:
        """The toggle, then dealers by area or the attention list."""
        need = data["attention"]
        toggle = chips(
            [(DEALERS, self.t("lg_dealers")), (ATTENTION, self.t("lg_attention", n=len(need)))],
            self.mode,
            self._pick,
        )
        items: list[ft.Control] = [toggle]
        if self.mode == ATTENTION:
            items += [self._need(r) for r in need] or [empty(self.t("lg_no_attention"))]
        elif self.shell.wide and not self.pane and data["dealers"]:
            items.append(desk_table(self, self._cols(), data["dealers"], self._open))
        elif self.pane and self.sort is not None and data["dealers"]:
            # beside a dealer's ledger: the table's rows as cards, in the order it was sorted
            cols = self._cols()
            label = next(c.label for c in cols if c.key == self.sort.key)
            arrow = "↑" if self.sort.ascending else "↓"
            items.append(heading(self.t("lg_sorted_by", column=label, arrow=arrow)))
            items += [self._dealer(r) for r in sorted_rows(data["dealers"], cols, self.sort)]
        else:
            svc = self.phone.ledger
            groups = svc.by_area(data["dealers"])
            year = svc.today().year
            for area, rows in groups:
                plan = sum((r["ytd_plan"] or Decimal(0) for r in rows), Decimal(0))
                actual = sum((r["ytd_purchases"] or Decimal(0) for r in rows), Decimal(0))
                items.append(heading(f"{area} · {self.t('lg_ytd', year=year)}"))
                items.append(
                    ft.Text(
                        self.t(
                            "lg_area_total", n=len(rows), actual=money(actual), plan=money(plan)
                        ),
                        size=13,
                        color=MUTED,
                    )
                )
                items += [self._dealer(r) for r in rows]
            if not groups:
                items.append(empty(self.t("lg_no_dealers"), ft.Icons.STOREFRONT))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _pick(self, value: str | None) -> None:
        self.mode = value or DEALERS
        self.refresh()

    def _dealer(self, r: dict[str, Any]) -> ft.Control:
        over = r["over_limit"] or Decimal(0)
        progress = r["ytd_progress_pct"]
        badges: list[ft.Control] = []
        if not r.get("contract_valid"):
            badges.append(pill(self.t("lg_no_contract"), BAD))
        lines: list[ft.Control] = [
            ft.Row(
                spacing=6,
                controls=[
                    ft.Text(
                        r["name"],
                        size=16,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                        no_wrap=True,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    *badges,
                    ft.Text(
                        pct(progress) if progress is not None else self.t("lg_no_plan"),
                        size=16,
                        weight=ft.FontWeight.W_700,
                        color=progress_color(progress),
                    ),
                ],
            ),
            progress_bar(r["ytd_purchases"], r["ytd_plan"], self.t("lg_progress")),
            ft.Text(
                f"{self.t('lg_bought')} {money(r['ytd_purchases'])}"
                f" · {self.t('lg_plan')} {money(r['ytd_plan'])}",
                size=13,
            ),
            ft.Text(
                f"{self.t('lg_balance')} {money(r['balance'])}"
                f" / {self.t('lg_credit')} {money(r['credit_limit'])}"
                + (f" · {self.t('lg_over', amount=fmt.money(over))}" if over > 0 else ""),
                size=13,
                color=BAD if over > 0 else MUTED,
            ),
        ]
        return ft.Card(
            margin=ft.Margin.symmetric(horizontal=0, vertical=3),
            content=ft.Container(
                padding=12,
                on_click=lambda e, r=r: self._open(r),
                tooltip=self.t("lg_dealer_tip", name=r["name"]),
                content=ft.Column(spacing=6, controls=lines),
            ),
        )

    def _need(self, r: dict[str, Any]) -> ft.Control:
        if r["reason"] == "expiring":
            why = self.t("lg_expiring", days=r["days_left"], end=fmt.day(r["term_end"]))
        else:
            why = self.t("lg_no_contract")
        return ft.Card(
            margin=ft.Margin.symmetric(horizontal=0, vertical=3),
            content=ft.Container(
                padding=12,
                on_click=lambda e, r=r: self._open_need(r),
                content=ft.Column(
                    spacing=4,
                    controls=[
                        ft.Text(r["customer_name"], size=16, weight=ft.FontWeight.W_600),
                        ft.Row(
                            wrap=True,
                            spacing=6,
                            controls=[
                                pill(why, BAD),
                                ft.Text(r["customer_code"], size=13, color=MUTED),
                            ],
                        ),
                        ft.Text(
                            self.t("lg_bought_12m", amount=money(r["purchases_12m"])),
                            size=13,
                            color=MUTED,
                        ),
                    ],
                ),
            ),
        )

    def _cols(self) -> list[Col]:
        """The columns of the table of every dealer at a desk (sortable; the amounts totalled)."""
        t = self.t
        year = self.phone.ledger.today().year
        return [
            Col("name", t("tb_dealer")),
            Col("area_name", t("tb_area")),
            Col("ytd_plan", t("tb_plan", year=year), numeric=True, total=True, show=money),
            Col("ytd_purchases", t("tb_bought"), numeric=True, total=True, show=money),
            Col("ytd_progress_pct", t("tb_progress"), numeric=True, show=pct),
            Col("balance", t("tb_balance"), numeric=True, total=True, show=money),
            Col("credit_limit", t("tb_credit"), numeric=True, total=True, show=money),
            Col("over_limit", t("tb_over"), numeric=True, total=True, show=_blank_zero),
            Col(
                "contract_valid",
                t("tb_contract"),
                show=lambda ok: "" if ok else t("lg_no_contract"),
            ),
        ]

    def _open(self, r: dict[str, Any]) -> None:
        self.shell.open_beside(self, "dealer_ledger", customer_id=r["customer_id"], name=r["name"])

    def _open_need(self, r: dict[str, Any]) -> None:
        if r.get("contract_id"):
            self.shell.open_beside(self, "contract", contract_id=r["contract_id"])
            return
        self.shell.open_beside(
            self, "contracts", customer_id=r["customer_id"], name=r["customer_name"]
        )


def _blank_zero(amount: Decimal | None) -> str:
    """An amount, nothing when none."""
    return money(amount) if amount else ""
