"""The customer card's 辅导支援 section: the customer's support history from the phone's store
(works offline) — kind, day, status, cost, outcome, and the score once evaluated."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.support import kind_label, status_label
from fieldapp.ui.customers.scorecard_parts import is_staff
from fieldapp.ui.widgets import MUTED, STATUS_COLORS, card, pill

SHOWN = 6  # the newest few; the desk lists them all
COLORS = {
    "planned": STATUS_COLORS["in_progress"],
    "done": "#2E7D32",
    "evaluated": "#1565C0",
    "cancelled": MUTED,
}


def support_card(screen: Any, customer_id: str) -> ft.Control | None:
    """The support history card (staff only), newest first."""
    if not is_staff(screen):
        return None
    lang = screen.lang
    rows: list[ft.Control] = []
    history = screen.phone.support.history(customer_id)
    for r in history[:SHOWN]:
        status = str(r.get("status") or "planned")
        facts = [fmt.day(r.get("done_on") or r.get("planned_on"))]
        if r.get("cost"):
            facts.append(screen.t("sup_cost_line", cost=fmt.money(r["cost"])))
        if r.get("score"):
            facts.append(screen.t("sup_score_line", score=r["score"]))
        lines: list[ft.Control] = [
            ft.Row(
                spacing=6,
                controls=[
                    ft.Text(
                        kind_label(str(r.get("kind")), lang),
                        size=15,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                    ),
                    pill(status_label(status, lang), COLORS.get(status, MUTED)),
                ],
            ),
            ft.Text(" · ".join(facts), size=13, color=MUTED),
        ]
        if r.get("materials"):
            lines.append(ft.Text(f"{screen.t('sup_materials')}：{r['materials']}", size=13))
        if r.get("outcome"):
            lines.append(ft.Text(f"{screen.t('sup_outcome')}：{r['outcome']}", size=13))
        rows.append(
            ft.Container(
                padding=ft.Padding.symmetric(vertical=4),
                content=ft.Column(spacing=2, controls=lines),
            )
        )
    if not rows:
        rows.append(ft.Text(screen.t("sup_none"), color=MUTED, size=14))
    return card(*rows, title=screen.t("sup_card"))
