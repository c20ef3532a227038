"""Add outlets to a day of the plan: suggestions (due, warnings, unvisited longest, nearby)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.plan_model import PlanSuggestion
from fieldapp.services.plans import REASONS
from fieldapp.ui.plans.plan_parts import icon_button, md, tile
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, empty, grade_pill, note_banner, pill

REASON_COLORS = {"due": "#0072B2", "warning": "#D55E00", "longest": "#5F6B7A", "nearby": "#009E73"}


class SuggestScreen(Screen):
    """Suggested outlets for a week, each added to the chosen day with one tap."""

    def __init__(self, shell: Any, week: dt.date, day: dt.date) -> None:
        super().__init__(shell)
        self.week, self.day = week, day

    def title(self) -> str:
        """添加网点 · 周五 11/27."""
        day = f"{self.t(f'weekday_{self.day.weekday()}')} {md(self.day)}"
        return self.t("suggest_title", day=day)

    def body(self) -> ft.Control:
        """The hint and the suggestions, most urgent first."""
        rows = self.phone.plans.suggestions(self.week, self.shell.locator.fix, day=self.day)
        items: list[ft.Control] = [note_banner(self.t("suggest_hint"), ft.Icons.LIGHTBULB_OUTLINE)]
        holiday = self.phone.plans.day_kinds(self.week)[self.day][0] == "holiday"
        if not rows:
            items.append(
                empty(self.t("suggest_holiday"), ft.Icons.BEACH_ACCESS)
                if holiday
                else empty(self.t("suggest_empty"))
            )
        items += [self._row(s) for s in rows]
        return ft.ListView(padding=ft.Padding.all(12), spacing=4, controls=items)

    def _row(self, s: PlanSuggestion) -> ft.Control:
        c = s.customer
        name = c.get("name") or ""
        tags: list[ft.Control] = []
        grade = grade_pill(c.get("grade"), self.lang)
        if grade is not None:
            tags.append(grade)
        tags += [pill(REASONS[r](self.lang), REASON_COLORS[r]) for r in s.reasons if r in REASONS]
        facts = [
            self.t("suggest_never")
            if s.days_since_visit is None
            else self.t("suggest_since", d=max(0, s.days_since_visit))
        ]
        if s.distance_m is not None:
            facts.append(fmt.distance(s.distance_m, self.lang))
        return tile(
            name,
            [
                ft.Row(wrap=True, spacing=4, run_spacing=4, controls=tags),
                ft.Text(" · ".join(facts), size=13, color=MUTED),
            ],
            trailing=icon_button(
                ft.Icons.ADD_CIRCLE,
                self.t("suggest_add", name=name),
                self._add(c["id"], name),
                color=ft.Colors.PRIMARY,
            ),
        )

    def _add(self, customer_id: str, name: str) -> Callable[[Any], None]:
        def add(e: Any) -> None:
            try:
                self.phone.plans.add(self.week, self.day, customer_id)
            except FieldSalesError as exc:
                self.shell.fail(exc)
                return
            self.shell.saved()
            self.refresh()
            self.shell.toast(self.t("suggest_added", name=name))

        return add
