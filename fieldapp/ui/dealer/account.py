"""The dealer's account tab (账户): balance against the credit limit (red when over), this month's
and this year's plan progress, payments, the contract and its end date, open credit warnings; then
the meetings its company attended, its feedback and the support it received (dealer_relations)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.services.cases import FINISHED
from fieldapp.ui.dealer.dealer_relations import relations
from fieldapp.ui.ledger.ledger_common import (
    BAD,
    GOOD,
    figure,
    figures,
    money,
    pct,
    progress_bar,
    progress_color,
)
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.theme import PRIMARY_COLOR
from fieldapp.ui.widgets import MUTED, card, empty, heading, pill

CONTRACT_SOON_DAYS = 30  # a contract ending within this many days is shown in amber


class AccountScreen(OnlineScreen):
    """One card per subject: credit, this month, the year, the contract, credit warnings."""

    tab = "account"
    offline_key = "dl_offline"

    def title(self) -> str:
        """账户."""
        return self.t("tab_account")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [
            ft.IconButton(
                ft.Icons.REFRESH,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("dl_refresh"),
                on_click=lambda e: self.reload(),
            )
        ]

    def body(self) -> ft.Control:
        """Offline: the panel, then the phone's own (座谈会, 我的评价; 厂家支援: 联网后显示)."""
        shown = super().body()
        if self.error is not None and isinstance(shown, ft.ListView):
            shown.controls += relations(self, online=False)
        return shown

    def load(self) -> dict[str, Any] | None:
        """The dealer's account as of today."""
        return self.phone.dealer.account() or {}

    def content(self, a: dict[str, Any]) -> ft.Control:
        """The cards, or a placeholder when the server has no account for this login."""
        if not a:
            return ft.ListView(padding=16, controls=[empty(self.t("dl_no_account"))])
        today = self.phone.dealer.today()
        items: list[ft.Control] = [
            ft.Text(
                f"{a['name']} · {a['code']} · {self.t('dl_as_of', day=today.isoformat())}",
                size=13,
                color=MUTED,
            ),
            self._credit(a),
            self._period(
                self.t("dl_month", month=today.month),
                a["month_purchases"],
                a["month_plan"],
                a["month_progress_pct"],
                a["month_payments"],
            ),
            self._period(
                self.t("dl_year", year=today.year),
                a["ytd_purchases"],
                a["ytd_plan"],
                a["ytd_progress_pct"],
                a["ytd_payments"],
            ),
            self._contract(a),
            self._cases(),
            heading(self.t("dl_warnings")),
        ]
        warnings = a["credit_warnings"]
        items += [self._warning(w) for w in warnings] or [empty(self.t("dl_no_warnings"))]
        items += relations(self)
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _credit(self, a: dict[str, Any]) -> ft.Control:
        over = a["over_limit"] or Decimal(0)
        used = a["credit_used_pct"]
        color = BAD if over > 0 else None  # a debt within the limit is not good news, only normal
        lines: list[ft.Control] = [
            ft.Row(
                controls=[
                    ft.Text(self.t("dl_balance"), size=14, color=MUTED, expand=True),
                    ft.Text(money(a["balance"]), size=24, weight=ft.FontWeight.W_700, color=color),
                ]
            ),
            progress_bar(
                a["balance"], a["credit_limit"], self.t("dl_credit"), color=color or PRIMARY_COLOR
            ),
            ft.Text(
                f"{self.t('dl_credit')} {money(a['credit_limit'])}"
                + (f" · {self.t('dl_credit_used', pct=pct(used))}" if used is not None else ""),
                size=13,
            ),
        ]
        if over > 0:
            lines.append(ft.Text(self.t("dl_over", amount=money(over)), color=BAD, size=14))
        return card(*lines)

    def _period(
        self,
        title: str,
        bought: Decimal | None,
        plan: Decimal | None,
        progress: Decimal | None,
        paid: Decimal | None,
    ) -> ft.Control:
        return card(
            ft.Row(
                controls=[
                    ft.Text(title, size=15, weight=ft.FontWeight.W_600, expand=True),
                    ft.Text(
                        pct(progress) if progress is not None else self.t("dl_no_plan"),
                        size=18,
                        weight=ft.FontWeight.W_700,
                        color=progress_color(progress),
                    ),
                ]
            ),
            progress_bar(bought, plan, self.t("dl_progress")),
            figures(
                figure(self.t("dl_bought"), money(bought)),
                figure(self.t("dl_plan"), money(plan)),
                figure(self.t("dl_paid"), money(paid)),
            ),
        )

    def _contract(self, a: dict[str, Any]) -> ft.Control:
        status = a.get("contract_status")
        if status != "effective":
            return card(
                ft.Text(self.t("dl_contract"), size=15, weight=ft.FontWeight.W_600),
                ft.Text(self.t("dl_no_contract"), color=BAD, size=14),
            )
        end, left = a.get("contract_term_end"), a.get("contract_days_left")
        soon = left is not None and left <= CONTRACT_SOON_DAYS
        badge = (
            self.t("dl_contract_ended")
            if left is not None and left < 0
            else self.t("dl_contract_left", days=left)
            if left is not None
            else ""
        )
        return card(
            ft.Row(
                controls=[
                    ft.Text(
                        self.t("dl_contract"), size=15, weight=ft.FontWeight.W_600, expand=True
                    ),
                    *([pill(badge, BAD if soon else GOOD)] if badge else []),
                ]
            ),
            ft.Text(
                self.t(
                    "dl_contract_line",
                    no=a.get("contract_no") or "—",
                    status=self.t(f"dl_status_{status}"),
                    end=str(end) if end else "—",
                ),
                size=14,
            ),
        )

    def _cases(self) -> ft.Control:
        """Open after-sales cases (from the phone's store); tap for the service tab."""
        open_ = [c for c in self.phone.cases.cases() if c["status"] not in FINISHED]
        late = sum(1 for c in open_ if c["overdue"])
        return ft.Container(
            on_click=lambda e: self.shell.show_home("service"),
            tooltip=self.t("dl_cases_tip"),
            content=card(
                ft.Row(
                    controls=[
                        ft.Text(
                            self.t("dl_cases"), size=15, weight=ft.FontWeight.W_600, expand=True
                        ),
                        ft.Text(self.t("dl_cases_open", n=len(open_)), size=15),
                        *([pill(self.t("dl_cases_late", n=late), BAD)] if late else []),
                    ]
                )
            ),
        )

    def _warning(self, w: dict[str, Any]) -> ft.Control:
        text = w.get("message_en") if self.lang == "en" else w.get("message_zh")
        return card(
            ft.Row(
                spacing=8,
                controls=[
                    ft.Icon(ft.Icons.WARNING_AMBER, color=BAD, size=20),
                    ft.Text(text or "", size=14, expand=True),
                ],
            )
        )
