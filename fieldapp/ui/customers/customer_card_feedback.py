"""最近的客户意见 on the customer card: the customer's recent feedback from the phone's store
(offline): scored records (at a visit or a meeting) with their score, and the visits' free-text
feedback (visits.feedback) without a score, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from fieldapp.ui.widgets import MUTED, card

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen


def feedback_section(screen: Screen, customer_id: str) -> ft.Control:
    """The card: one line per item (day, source, score or 无评分, text)."""
    items = screen.phone.meetings.recent_feedback(customer_id)
    rows: list[ft.Control] = []
    for i in items:
        if i.score is None:
            score, source = "—", screen.t("fb_unscored")
        else:
            score, source = screen.t("fb_score_n", n=i.score), screen.t(f"fb_src_{i.source}")
        colour = ft.Colors.RED_700 if i.score is not None and i.score <= 2 else None
        rows.append(
            ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Text(score, width=44, weight=ft.FontWeight.W_600, color=colour),
                    ft.Column(
                        spacing=0,
                        expand=True,
                        controls=[
                            ft.Text(i.text or "—", size=14),
                            ft.Text(f"{i.day} · {source}", size=12, color=MUTED),
                        ],
                    ),
                ],
            )
        )
    if not rows:
        rows.append(ft.Text(screen.t("fb_none"), size=13, color=MUTED))
    return card(*rows, title=screen.t("fb_recent"))
