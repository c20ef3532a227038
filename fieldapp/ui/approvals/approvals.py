"""Approvals (审批): plans awaiting a decision, recent decisions, the team's plan vs actual."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import STATUS, PendingPlan
from fieldapp.ui.desk_parts import desk_table
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.plans.plan_parts import STATUS_COLOR, md, rep_label
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, empty, heading, pill, row_button
from fieldapp.ui.widgets.table import Col, Sort

Lists = tuple[list[PendingPlan], list[PendingPlan]]  # waiting, recently decided


class ApprovalsScreen(Screen):
    """The area's (or, for a manager, every) plan awaiting approval, newest decisions below."""

    tab = "approvals"
    refresh_on_sync = True
    split = True  # at a desk, a plan opens beside the list

    def title(self) -> str:
        """计划审批."""
        return self.t("approvals_title")

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self._last: Lists | None = None  # shown at once when the list is rebuilt (no spinner)
        self.sort: Sort | None = None  # the table's sorted column (a desk-size window)

    def body(self) -> ft.Control:
        """The team view button, then waiting plans and recent decisions; reps' names come from
        the server, so the lists are built off the UI path (offline: without names)."""
        section = OnlineSection(
            self, self._lists, self._render, local=self._local, initial=self._last
        )
        team = row_button(
            self.t("approvals_team"),
            lambda e: self._open_team(),
            icon=ft.Icons.GROUPS_OUTLINED,
            tooltip=self.t("approvals_team_tip"),
        )
        executive = row_button(
            self.t("ev_list"),
            lambda e: self.shell.open("exec_visits"),
            icon=ft.Icons.STARS,
            tooltip=self.t("ev_list_tip"),
        )
        return ft.ListView(
            padding=ft.Padding.all(12),
            spacing=4,
            controls=[ft.Row(wrap=True, controls=[team, executive]), section.control],
        )

    def _lists(self) -> Lists:
        """Waiting and decided plans, with the reps' names (raises when the server is needed for
        a name and cannot be reached)."""
        svc = self.phone.approvals
        waiting, decided = svc.submitted(), svc.decided()
        unnamed = sorted({h.week_start for h in (*waiting, *decided) if not h.rep_name})
        for week in unnamed:
            svc.team(week)  # learns the names of that week's reps
        if unnamed:
            waiting, decided = svc.submitted(), svc.decided()
        self._last = (waiting, decided)
        return self._last

    def _local(self) -> ft.Control:
        """Offline: the plans on this phone (names the phone already knows)."""
        svc = self.phone.approvals
        return self._render((svc.submitted(), svc.decided()))

    def _render(self, lists: Lists) -> ft.Control:
        waiting, decided = lists
        if self.shell.wide and not self.pane and (waiting or decided):
            return self._table(waiting, decided)
        items: list[ft.Control] = [heading(self.t("approvals_waiting", n=len(waiting)))]
        if not waiting:
            items.append(empty(self.t("approvals_empty"), ft.Icons.FACT_CHECK_OUTLINED))
        items += [self._item(h) for h in waiting]
        if decided:
            items.append(heading(self.t("approvals_recent")))
            items += [self._item(h) for h in decided]
        return ft.Column(spacing=4, controls=items)

    def _item(self, head: PendingPlan) -> ft.Control:
        status = head.plan.get("status") or "submitted"
        name = rep_label(self, head)
        lines = [self.t("approvals_item", a=md(head.week_start), n=head.stops, d=head.days)]
        if status in ("approved", "rejected"):
            when = fmt.ago(head.plan.get("decided_at"), self.shell.now(), self.lang)
            lines.append(self.t("approval_decided", status=STATUS[status](self.lang), when=when))
            if head.plan.get("decision_comment"):
                lines.append(head.plan["decision_comment"])
        title = f"{name} · {head.area_name}" if head.area_name else name
        return ft.Card(
            margin=ft.Margin.symmetric(vertical=2),
            content=ft.ListTile(
                leading=ft.Icon(ft.Icons.EVENT_NOTE, color=STATUS_COLOR.get(status, MUTED)),
                title=ft.Text(title, size=15, weight=ft.FontWeight.W_600),
                subtitle=ft.Text("\n".join(lines), size=13),
                trailing=pill(STATUS[status](self.lang), STATUS_COLOR.get(status, MUTED)),
                on_click=self._open(head.plan["id"]),
                tooltip=self.t("approvals_open", name=name),
            ),
        )

    def _table(self, waiting: list[PendingPlan], decided: list[PendingPlan]) -> ft.Control:
        """At a desk: waiting and recent plans in one table (sortable; stops and days summed)."""
        rows = [
            {
                "id": h.plan["id"],
                "rep": rep_label(self, h),
                "area": h.area_name or "",
                "week": h.week_start,
                "stops": h.stops,
                "days": h.days,
                "status": h.plan.get("status") or "submitted",
            }
            for h in (*waiting, *decided)
        ]
        cols = [
            Col("rep", self.t("tb_rep")),
            Col("area", self.t("tb_area")),
            Col("week", self.t("tb_week"), show=md),
            Col("stops", self.t("tb_stops"), numeric=True, total=True),
            Col("days", self.t("tb_visit_days"), numeric=True, total=True),
            Col(
                "status",
                self.t("tb_status"),
                show=lambda s: STATUS[s](self.lang),
                rank=list(STATUS).index,
            ),
        ]
        head = heading(self.t("approvals_waiting", n=len(waiting)))
        table = desk_table(self, cols, rows, lambda r: self._open(r["id"])(None))
        return ft.Column(spacing=4, controls=[head, table])

    def _open(self, plan_id: str) -> Callable[[Any], None]:
        def go(e: Any) -> None:
            self.shell.open_beside(self, "approval", plan_id=plan_id)

        return go

    def _open_team(self) -> None:
        self.shell.open("team_actual")
