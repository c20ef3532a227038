"""The dealer's service tab (服务): raise an after-sales request, and follow each case — the
latest news first, with the answer once given. Read from the phone's store: it works offline."""

from __future__ import annotations

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.cases import FINISHED
from fieldapp.ui.cases.case_parts import case_row
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import empty, heading


class ServiceScreen(Screen):
    """The new-request button, then the dealer's cases."""

    tab = "service"
    refresh_on_sync = True

    def title(self) -> str:
        """服务."""
        return self.t("tab_service")

    def body(self) -> ft.Control:
        """Every case, the latest news first (a new answer, a status change, a new request)."""
        rows = sorted(self.phone.cases.cases(), key=lambda c: c["changed_at"], reverse=True)
        open_ = sum(1 for c in rows if c["status"] not in FINISHED)
        title = self.t("cs_heading", open=open_, done=len(rows) - open_)
        items: list[ft.Control] = [heading(title)]
        items += [self._row(c) for c in rows] or [empty(self.t("cs_none"))]
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _row(self, c: dict) -> ft.Control:
        sub = self.t("cs_line", kind=self.t("case_kind_" + c["kind"]), day=fmt.day(c["opened_at"]))
        return case_row(c, self.t, lambda cid: self.shell.open("case", case_id=cid), sub)

    def fab(self) -> ft.FloatingActionButton | None:
        """新建售后申请, within thumb reach."""
        return ft.FloatingActionButton(
            icon=ft.Icons.ADD_COMMENT,
            content=self.t("cs_new"),
            tooltip=self.t("cs_new_tip"),
            on_click=lambda e: self.shell.open("case_new"),
        )
