"""辅导支援 desk of area managers and managers, opened from the 工作台 desk's chips: this month's
support per area (planned vs done, support cost, all expenses vs budget: public.support_summary)
and the activities (public.support_list) filtered by status; plan a new activity, tap one to mark
it done, evaluate it (1–5, an internal note) or cancel it. At a desk (1000 px and wider) both are
tables sorted by a tap on a heading; on a phone, cards."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.support import STATUSES, kind_label, status_label
from fieldapp.ui.desk_parts import desk_table, refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.support import support_parts as parts
from fieldapp.ui.widgets import MUTED, card, chips, row_button
from fieldapp.ui.widgets.table import Col, Sort


class SupportDeskScreen(OnlineScreen):
    """Summary per area, the activities with a status filter, plan / done / evaluate / cancel."""

    offline_key = "sup_desk_tip"

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.status: str | None = None
        self.sort: Sort | None = None

    def title(self) -> str:
        """辅导支援."""
        return self.t("sup_desk")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> dict[str, Any]:
        """This month's summary and the activities of the chosen status."""
        svc = self.phone.support
        return {"summary": svc.summary(), "rows": svc.activities(status=self.status)}

    def content(self, data: dict[str, Any]) -> ft.Control:
        """Filter, plan button, summary and list: tables at a desk, cards on a phone."""
        wide = bool(getattr(self.shell, "wide", False))
        summary, rows = data["summary"], data["rows"]
        top: list[ft.Control] = [
            chips(
                [(None, self.t("sup_all"))] + [(k, m(self.lang)) for k, m in STATUSES.items()],
                self.status,
                self._filter,
            ),
            row_button(
                self.t("sup_plan"),
                lambda e: parts.plan_dialog(self, self.reload),
                icon=ft.Icons.ADD,
                tooltip=self.t("sup_plan"),
            ),
        ]
        if wide:
            return ft.ListView(
                padding=ft.Padding.all(12),
                spacing=8,
                controls=[
                    *top,
                    card(self._summary_table(summary), title=self.t("sup_summary")),
                    card(self._list_table(rows), title=self.t("sup_list")),
                ],
            )
        items = [
            *top,
            ft.Text(self.t("sup_summary"), size=16, weight=ft.FontWeight.W_600),
            *parts.summary_cards(self, summary),
            ft.Text(self.t("sup_list"), size=16, weight=ft.FontWeight.W_600),
            *parts.activity_cards(self, rows, self._open),
        ]
        if not rows:
            items.append(ft.Text(self.t("sup_none"), color=MUTED))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _summary_table(self, summary: list[dict[str, Any]]) -> ft.Control:
        t = self.t
        money = fmt.money
        rows = [
            {
                **r,
                "who": r.get("owner_name") or "—" if r.get("level") == "owner" else "",
                "overdue": parts.over_budget(r),
            }
            for r in summary
        ]
        cols = [
            Col("area_name", t("sup_col_area")),
            Col("who", t("sup_col_owner")),
            Col("planned", t("sup_col_planned"), numeric=True),
            Col("done", t("sup_col_done"), numeric=True),
            Col("cost", t("sup_col_cost"), numeric=True, show=lambda v: money(v or 0)),
            Col(
                "budget",
                t("sup_col_budget"),
                numeric=True,
                show=lambda v: "" if v is None else money(v),
            ),
            Col(
                "expenses",
                t("sup_col_expenses"),
                numeric=True,
                show=lambda v: "" if v is None else money(v),
            ),
        ]
        return desk_table(self, cols, rows, lambda r: None)

    def _list_table(self, rows: list[dict[str, Any]]) -> ft.Control:
        t, lang = self.t, self.lang
        shown = [
            {
                **r,
                "day": r.get("done_on") or r.get("planned_on"),
                "kind_name": kind_label(str(r.get("kind")), lang),
                "status_name": status_label(str(r.get("status")), lang),
                "overdue": False,
            }
            for r in rows
        ]
        cols = [
            Col("day", t("sup_col_day"), show=fmt.day),
            Col("customer_name", t("sup_col_customer"), width=180),
            Col("area_name", t("sup_col_area")),
            Col("kind_name", t("sup_col_kind")),
            Col("status_name", t("sup_col_status")),
            Col("owner_name", t("sup_col_owner")),
            Col(
                "cost",
                t("sup_col_cost"),
                numeric=True,
                total=True,
                show=lambda v: fmt.money(v or 0),
            ),
            Col("outcome", t("sup_outcome"), width=220),
        ]
        return desk_table(self, cols, shown, self._open)

    def _filter(self, status: str | None) -> None:
        self.status = status
        self.reload()

    def _open(self, row: dict[str, Any]) -> None:
        if row.get("status") in ("planned", "done", "evaluated"):
            parts.action_dialog(self, row, self.reload)
