"""One dealer's ledger by month: purchases, payments, balance against credit, plan progress,
year to date and the same period last year; tap a month for its lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.ui.ledger.ledger_common import (
    BAD,
    figure,
    figures,
    money,
    pct,
    progress_bar,
    progress_color,
)
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, empty, heading, row_button


class DealerLedgerScreen(OnlineScreen):
    """A dealer's year: the summary on top, then the months, newest first."""

    def __init__(self, shell: Any, customer_id: str, name: str = "") -> None:
        super().__init__(shell)
        self.customer_id, self.name = customer_id, name
        self.year = self.phone.ledger.today().year

    def title(self) -> str:
        """The dealer's name."""
        return self.name or self.t("tab_ledger")

    def actions(self) -> list[ft.Control]:
        """Previous and next year."""
        this_year = self.phone.ledger.today().year
        return [
            ft.IconButton(
                ft.Icons.CHEVRON_LEFT,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("lg_prev_year"),
                on_click=lambda e: self._year(-1),
            ),
            ft.IconButton(
                ft.Icons.CHEVRON_RIGHT,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("lg_next_year"),
                disabled=self.year >= this_year,
                on_click=lambda e: self._year(1),
            ),
        ]

    def _year(self, step: int) -> None:
        self.year += step
        self.reload()

    def load(self) -> dict[str, Any]:
        """The dealer's ledger of the year."""
        return self.phone.ledger.ledger(self.customer_id, self.year)

    def content(self, data: dict[str, Any]) -> ft.Control:
        """Summary, actions, months."""
        dealer, months, s = data["dealer"], data["months"], data["summary"]
        if dealer.get("name"):
            self.name = dealer["name"]
        items: list[ft.Control] = [self._summary(dealer, s), self._buttons()]
        items.append(heading(self.t("lg_months", year=self.year)))
        items += [self._month(m) for m in reversed(months)]
        if not months:
            items.append(empty(self.t("lg_no_months")))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _summary(self, dealer: dict[str, Any], s: dict[str, Any]) -> ft.Control:
        over = s.get("over_limit") or Decimal(0)
        ytd_pct = s.get("ytd_progress_pct")
        ly = s.get("last_year_ytd")
        yoy = None if not ly else 100 * (s.get("ytd_purchases") or 0) / ly
        head = ft.Row(
            controls=[
                ft.Text(
                    f"{dealer.get('code', '')} · {dealer.get('area_name', '')}",
                    size=13,
                    color=MUTED,
                    expand=True,
                ),
                ft.Text(
                    pct(ytd_pct),
                    size=22,
                    weight=ft.FontWeight.W_700,
                    color=progress_color(ytd_pct),
                ),
            ]
        )
        return card(
            head,
            progress_bar(s.get("ytd_purchases"), s.get("ytd_plan"), self.t("lg_progress")),
            figures(
                figure(self.t("lg_bought"), money(s.get("ytd_purchases"))),
                figure(self.t("lg_plan"), money(s.get("ytd_plan"))),
                figure(
                    self.t("lg_last_year"),
                    money(ly),
                    color=None if yoy is None else progress_color(yoy),
                ),
                figure(
                    self.t("lg_balance"),
                    money(s.get("closing_balance")),
                    color=BAD if over > 0 else None,
                ),
                figure(self.t("lg_credit"), money(s.get("credit_limit"))),
                figure(self.t("lg_yoy", pct=""), pct(None if yoy is None else Decimal(yoy))),
            ),
            *(
                [ft.Text(self.t("lg_over", amount=money(over)), color=BAD, size=14)]
                if over > 0
                else []
            ),
            title=self.t("lg_ytd", year=self.year),
        )

    def _buttons(self) -> ft.Control:
        svc = self.phone.ledger
        buttons = [
            row_button(
                self.t("lg_chain"),
                self._chain,
                icon=ft.Icons.STORE_OUTLINED,
                tooltip=self.t("lg_chain"),
            ),
            row_button(
                self.t("lg_contracts"),
                self._contracts,
                icon=ft.Icons.DESCRIPTION_OUTLINED,
                tooltip=self.t("lg_contracts"),
            ),
        ]
        if svc.enters_plans:
            buttons.append(
                row_button(
                    self.t("lg_enter_plan"),
                    self._plan,
                    icon=ft.Icons.EDIT_CALENDAR,
                    tooltip=self.t("lg_enter_plan"),
                )
            )
        return ft.Row(wrap=True, spacing=8, run_spacing=8, controls=buttons)

    def _month(self, m: dict[str, Any]) -> ft.Control:
        day = dt.date.fromisoformat(str(m["month"])[:10])
        label = self.t("lg_month", year=day.year, month=day.month)
        progress = m.get("progress_pct")
        over = m.get("over_limit") or Decimal(0)
        plan_line = (
            f"{self.t('lg_plan')} {money(m.get('plan_amount'))} · {self.t('lg_progress')} "
            f"{pct(progress)}"
            if m.get("plan_amount") is not None
            else self.t("lg_no_plan")
        )
        rows: list[ft.Control] = [
            ft.Row(
                controls=[
                    ft.Text(label, size=16, weight=ft.FontWeight.W_600, expand=True),
                    ft.Text(money(m.get("purchases")), size=16, weight=ft.FontWeight.W_600),
                ]
            ),
            progress_bar(m.get("purchases"), m.get("plan_amount"), self.t("lg_progress")),
            ft.Text(plan_line, size=13, color=progress_color(progress)),
            ft.Text(
                f"{self.t('lg_payments')} {money(m.get('payments'))}"
                + (
                    f" · {self.t('lg_credits')} {money(m.get('credits'))}"
                    if m.get("credits")
                    else ""
                )
                + f" · {self.t('lg_closing')} {money(m.get('closing_balance'))}",
                size=13,
                color=BAD if over > 0 else None,
            ),
            ft.Text(
                f"{self.t('lg_last_year')} {money(m.get('last_year_purchases'))}"
                f" · {self.t('lg_ytd', year=day.year)} {money(m.get('ytd_purchases'))}",
                size=13,
                color=MUTED,
            ),
        ]
        return ft.Card(
            margin=ft.Margin.symmetric(horizontal=0, vertical=3),
            content=ft.Container(
                padding=12,
                on_click=lambda e, d=day: self._lines(d),
                tooltip=self.t("lg_month_tip", month=label),
                content=ft.Column(spacing=4, controls=rows),
            ),
        )

    def _lines(self, month: dt.date) -> None:
        self.shell.open("ledger_lines", customer_id=self.customer_id, month=month)

    def _chain(self, e: Any) -> None:
        self.shell.open("ledger_chain", customer_id=self.customer_id, name=self.name)

    def _contracts(self, e: Any) -> None:
        self.shell.open("contracts", customer_id=self.customer_id, name=self.name)

    def _plan(self, e: Any) -> None:
        self.shell.open("ledger_plan", customer_id=self.customer_id, name=self.name)
