"""Plan versus actual (计划执行情况): the rep's last weeks, or a manager's team for one week."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.domain.plan_actual import PlanActual
from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import STATUS
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.plans.plan_parts import STATUS_COLOR, md
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, card, empty, pill


def actual_card(screen: Screen, r: PlanActual, title: str) -> ft.Control:
    """One rep-week: planned, done, missed, pending, unplanned, off-site, average duration."""
    avg = fmt.duration(r.avg_duration_min * 60, screen.lang) if r.avg_duration_min else "—"
    status = r.plan_status or "none"
    ratio = r.done_ratio
    return card(
        ft.Row(
            controls=[
                ft.Text(title, size=15, weight=ft.FontWeight.W_600, expand=True),
                pill(STATUS[status](screen.lang), STATUS_COLOR.get(status, MUTED), filled=True),
            ]
        ),
        ft.ProgressBar(value=ratio or 0.0, height=6, border_radius=3),
        ft.Text(
            screen.t(
                "actual_line", planned=r.planned, done=r.done, missed=r.missed, pending=r.pending
            ),
            size=14,
        ),
        ft.Text(
            screen.t("actual_line2", unplanned=r.unplanned, offsite=r.offsite, avg=avg),
            size=13,
            color=MUTED,
        ),
        *(
            [
                ft.Text(
                    screen.t("actual_empty", n=r.empty, visits=r.empty_visits),
                    size=13,
                    color="#8A5A00",
                )
            ]
            if r.empty_visits
            else []
        ),
        *(
            [
                ft.Text(
                    screen.t("ev_actual", planned=r.exec_planned, done=r.exec_done),
                    size=13,
                    color="#6A1B9A",
                )
            ]
            if r.exec_planned
            else []
        ),
        padding=12,
    )


class PlanActualScreen(Screen):
    """The signed-in rep's plan versus actual of the last four weeks (online)."""

    def title(self) -> str:
        """计划执行情况."""
        return self.t("actual_title")

    def body(self) -> ft.Control:
        """One card per week, newest first (fetched off the UI path)."""
        plans = self.phone.plans
        section = OnlineSection(
            self, lambda: plans.actual(weeks=4), self._cards, detail=self.t("actual_offline")
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=4, controls=[section.control])

    def _cards(self, rows: list[PlanActual]) -> ft.Control:
        items: list[ft.Control] = [
            actual_card(self, r, self.t("actual_week", a=md(r.week_start))) for r in rows
        ]
        return ft.Column(spacing=4, controls=items or [empty(self.t("actual_none"))])


class TeamScreen(Screen):
    """A manager's team for one week: one card per rep (online)."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.week = clock.monday(clock.today(shell.now()))

    def title(self) -> str:
        """团队执行情况."""
        return self.t("team_title")

    def body(self) -> ft.Control:
        """Week picker, then the reps of the area (or all)."""

        def go(days: int) -> Any:
            def move(e: Any) -> None:
                self.week += dt.timedelta(days=days)
                self.refresh()

            return move

        picker = ft.Row(
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            controls=[
                ft.IconButton(
                    ft.Icons.CHEVRON_LEFT, tooltip=self.t("plan_prev_week"), on_click=go(-7)
                ),
                ft.Text(
                    self.t("actual_week", a=md(self.week)), size=16, weight=ft.FontWeight.W_600
                ),
                ft.IconButton(
                    ft.Icons.CHEVRON_RIGHT, tooltip=self.t("plan_next_week"), on_click=go(7)
                ),
            ],
        )
        svc, week = self.phone.approvals, self.week
        section = OnlineSection(
            self, lambda: svc.team(week), self._cards, detail=self.t("actual_offline")
        )
        return ft.ListView(
            padding=ft.Padding.all(12), spacing=4, controls=[picker, section.control]
        )

    def _cards(self, rows: list[PlanActual]) -> ft.Control:
        items: list[ft.Control] = []
        for r in rows:
            title = f"{r.rep_name} · {r.area_name}" if r.area_name else r.rep_name
            items.append(actual_card(self, r, title))
        return ft.Column(spacing=4, controls=items or [empty(self.t("actual_none"))])
