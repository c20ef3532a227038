"""待评价 (scorecards due), for area managers and managers: the customers in scope whose latest
scorecard is older than `evaluation.period_months` (or who have none), oldest first
(public.evaluations_due); tap one to score it. Opened from the warnings desk's top."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, empty, grade_pill, heading


class ScorecardsDueScreen(OnlineScreen):
    """The due list."""

    offline_key = "sc_due_offline"
    refresh_on_sync = reload_on_sync = True

    def title(self) -> str:
        """待评价客户."""
        return self.t("sc_due_title")

    def load(self) -> list[dict[str, Any]]:
        """The due customers (online)."""
        return self.phone.scorecards.due()

    def content(self, rows: list[dict[str, Any]]) -> ft.Control:
        """A heading with the count, then a row per customer."""
        items: list[ft.Control] = [heading(self.t("sc_due", n=len(rows)))]
        items += [self._row(r) for r in rows] or [empty(self.t("sc_due_none"))]
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _row(self, r: dict[str, Any]) -> ft.Control:
        last = r.get("last_evaluated_on")
        when = (
            self.t("sc_due_last", day=fmt.day(last), n=r.get("days_overdue") or 0)
            if last
            else self.t("sc_due_never")
        )
        head: list[ft.Control] = [
            ft.Text(r.get("name") or "", size=15, weight=ft.FontWeight.W_600, expand=True)
        ]
        g = grade_pill(r.get("grade"), self.lang)
        if g is not None:
            head.append(g)
        sub = " · ".join(
            x for x in (r.get("code"), r.get("area_name"), r.get("area_manager_name"), when) if x
        )
        return ft.Container(
            on_click=lambda e, r=r: self.shell.open(
                "scorecard", customer_id=str(r["customer_id"]), name=r.get("name") or ""
            ),
            tooltip=self.t("sc_due_row_tip", name=r.get("name") or ""),
            content=card(ft.Row(spacing=6, controls=head), ft.Text(sub, size=13, color=MUTED)),
        )
