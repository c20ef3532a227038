"""The customer card's plan progress (计划进度) of a tier-1 dealer: year-to-date plan, purchases
and %, fetched online; one sentence when offline; managers open the dealer's ledger from it."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.ledger.ledger_common import (
    figure,
    figures,
    money,
    pct,
    progress_bar,
    progress_color,
)
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.widgets import MUTED, card, row_button


def plan_progress(screen: Any, customer: dict[str, Any]) -> ft.Control:
    """A card that fills itself from the server (a spinner until then, offline + Retry)."""
    svc = screen.phone.ledger
    year = svc.today().year
    cid = customer["id"]

    def fill(row: dict[str, Any] | None) -> ft.Control:
        if row is None:
            return ft.Text(screen.t("lg_no_dealers"), size=14, color=MUTED)
        p = row.get("ytd_progress_pct")
        items: list[ft.Control] = [
            progress_bar(row.get("ytd_purchases"), row.get("ytd_plan"), screen.t("lg_progress")),
            figures(
                figure(screen.t("lg_plan"), money(row.get("ytd_plan"))),
                figure(screen.t("lg_bought"), money(row.get("ytd_purchases"))),
                figure(screen.t("lg_progress"), pct(p), color=progress_color(p)),
            ),
        ]
        if svc.sees_ledgers:
            items.append(
                row_button(
                    screen.t("lg_card_open"),
                    lambda e: _open(screen, row),
                    icon=ft.Icons.ACCOUNT_BALANCE_OUTLINED,
                    tooltip=screen.t("lg_card_open"),
                )
            )
        return ft.Column(
            spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH, controls=items
        )

    section = OnlineSection(
        screen,
        lambda: svc.progress(cid),
        fill,
        detail=screen.t("lg_card_offline"),
        compact=True,
    )
    return card(section.control, title=screen.t("lg_card_title", year=year))


def _open(screen: Any, row: dict[str, Any]) -> None:
    screen.shell.open("dealer_ledger", customer_id=row["customer_id"], name=row["name"])
