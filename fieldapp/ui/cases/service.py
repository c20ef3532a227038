"""The dealer's service tab (服务): raise an after-sales request, and follow each case — open
ones first, with the answer once given. Read from the phone's store: it works offline."""

from __future__ import annotations

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.cases.case_parts import FINISHED, case_row
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import big_button, empty, heading


class ServiceScreen(Screen):
    """The new-request button, then the dealer's cases."""

    tab = "service"
    refresh_on_sync = True

    def title(self) -> str:
        """服务."""
        return self.t("tab_service")

    def body(self) -> ft.Control:
        """Open cases, then finished ones."""
        rows = self.phone.cases.cases()
        open_ = [c for c in rows if c["status"] not in FINISHED]
        done = [c for c in rows if c["status"] in FINISHED]
        items: list[ft.Control] = [heading(self.t("cs_open_heading", n=len(open_)))]
        items += [self._row(c) for c in open_] or [empty(self.t("cs_none"))]
        if done:
            items.append(heading(self.t("cs_done_heading")))
            items += [self._row(c) for c in done]
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _row(self, c: dict) -> ft.Control:
        kind = self.t("case_kind_" + c["kind"])
        sub = self.t("cs_line", kind=c.get("doc_no") or kind, day=fmt.day(c["opened_at"]))
        return case_row(c, self.t, lambda cid: self.shell.open("case", case_id=cid), sub)

    def bottom(self) -> ft.Control | None:
        """新建售后申请."""
        return ft.Container(
            padding=ft.Padding.all(12),
            content=big_button(
                self.t("cs_new"),
                lambda e: self.shell.open("case_new"),
                icon=ft.Icons.ADD_COMMENT,
                tooltip=self.t("cs_new_tip"),
            ),
        )
