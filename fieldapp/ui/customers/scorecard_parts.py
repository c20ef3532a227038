"""What the customer card and the desks share about scorecards (客户评价): who scores, the
"评价记录" card (grade history as a row of bars, online) and the "待评价" button."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.services import formatting as fmt
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.widgets import MUTED, card, row_button

LEADERS = ("area_manager", "manager")
STAFF = ("rep", "area_manager", "manager")
BAR_MAX_PX = 80  # a score of 100
BARS = 8  # the latest evaluations drawn


def leads(screen: Any) -> bool:
    """Whether the signed-in user scores customers (area managers and managers)."""
    user = screen.phone.user
    return user is not None and user.role in LEADERS


def is_staff(screen: Any) -> bool:
    """Whether the signed-in user reads grade histories (company staff)."""
    user = screen.phone.user
    return user is not None and user.role in STAFF


def _grade(grade: str | None, lang: str) -> str:
    swatch = legend.grade_swatch(grade)
    return swatch.label_en if lang == "en" else swatch.label_zh


def history_chart(screen: Any, rows: list[dict[str, Any]]) -> ft.Control:
    """One bar per evaluation (oldest left), height by score, coloured by grade, the score
    above and the grade letter and date under it; then the latest scorer."""
    if not rows:
        return ft.Text(screen.t("sc_history_none"), size=14, color=MUTED)
    lang = screen.lang
    bars: list[ft.Control] = []
    for r in reversed(rows[:BARS]):
        score = float(r.get("score") or 0)
        swatch = legend.grade_swatch(r.get("grade"))
        bars.append(
            ft.Container(
                tooltip=screen.t(
                    "sc_bar_tip",
                    day=fmt.day(r.get("evaluated_on")),
                    score=fmt.quantity(r.get("score")),
                    grade=_grade(r.get("grade"), lang),
                    who=r.get("evaluator_name") or "—",
                ),
                content=ft.Column(
                    spacing=2,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    alignment=ft.MainAxisAlignment.END,
                    controls=[
                        ft.Text(fmt.quantity(r.get("score")), size=11, color=MUTED),
                        ft.Container(
                            width=28,
                            height=max(4, round(BAR_MAX_PX * min(score, 100) / 100)),
                            bgcolor=swatch.color,
                            border_radius=ft.BorderRadius.only(top_left=4, top_right=4),
                        ),
                        ft.Text(r.get("grade") or "—", size=13, weight=ft.FontWeight.W_600),
                        ft.Text(fmt.day(r.get("evaluated_on"))[2:], size=10, color=MUTED),
                    ],
                ),
            )
        )
    latest = rows[0]
    return ft.Column(
        spacing=8,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            ft.Container(
                height=BAR_MAX_PX + 56,
                content=ft.Row(
                    spacing=6,
                    scroll=ft.ScrollMode.AUTO,
                    vertical_alignment=ft.CrossAxisAlignment.END,
                    controls=bars,
                ),
            ),
            ft.Text(
                screen.t(
                    "sc_latest",
                    day=fmt.day(latest.get("evaluated_on")),
                    who=latest.get("evaluator_name") or "—",
                    score=fmt.quantity(latest.get("score")),
                    grade=_grade(latest.get("grade"), lang),
                ),
                size=13,
            ),
        ],
    )


def history_card(screen: Any, customer_id: str, name: str) -> ft.Control:
    """评价记录 (online; offline it says it needs a connection, the card works on), with the
    客户评价 button for area managers and managers (the draft works offline)."""
    section = OnlineSection(
        screen,
        lambda: screen.phone.scorecards.history(customer_id),
        lambda rows: history_chart(screen, rows),
        detail=screen.t("sc_history_offline"),
        compact=True,
    )
    items: list[ft.Control] = [section.control]
    if leads(screen):
        items.append(
            row_button(
                screen.t("sc_open"),
                lambda e: screen.shell.open("scorecard", customer_id=customer_id, name=name),
                icon=ft.Icons.FACT_CHECK_OUTLINED,
                tooltip=screen.t("sc_open_tip"),
            )
        )
    return card(*items, title=screen.t("sc_history"))


def due_button(screen: Any) -> ft.Control | None:
    """待评价: opens the due list (area managers and managers only)."""
    if not leads(screen):
        return None
    return ft.OutlinedButton(
        content=screen.t("sc_due_button"),
        icon=ft.Icons.FACT_CHECK_OUTLINED,
        tooltip=screen.t("sc_due_tip"),
        on_click=lambda e: screen.shell.open("scorecards_due"),
    )
