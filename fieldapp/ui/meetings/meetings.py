"""业务座谈会: the meetings an area manager or manager may see (online), newest first, with their
area, customers, decisions and how many are overdue; 记录座谈会 opens the form. Opened from the
工作台 desk's switch (desk_parts.desk_switch), on top of the desk."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.domain.meetings import kind_name
from fieldapp.ui.desk_parts import refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, big_button, card, empty


class MeetingsScreen(OnlineScreen):
    """The list and the way to a new meeting."""

    offline_key = "mt_offline"
    reload_on_sync = True

    def title(self) -> str:
        """业务座谈会."""
        return self.t("mt_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> list[dict[str, Any]]:
        """The meetings in scope (public.meetings_list)."""
        return self.phone.meetings.meetings()

    def on_shown(self) -> None:
        """Back from the form: fetch again (a meeting may have been added)."""
        if self.data is not None:
            self.reload()

    def content(self, data: list[dict[str, Any]]) -> ft.Control:
        """The new-meeting button, then one card per meeting."""
        items: list[ft.Control] = [
            big_button(
                self.t("mt_new"),
                lambda e: self.shell.open("meeting_new"),
                icon=ft.Icons.GROUPS,
                tooltip=self.t("mt_new_tip"),
            )
        ]
        if not data:
            items.append(empty(self.t("mt_none"), ft.Icons.GROUPS_OUTLINED))
        for m in data:
            line = self.t(
                "mt_line",
                day=m.get("held_on", ""),
                area=m.get("area_name") or "—",
                customers=m.get("customers", 0),
                decisions=m.get("decisions", 0),
            )
            rows: list[ft.Control] = [
                ft.Text(m.get("agenda") or "", size=14),
                ft.Text(line, size=12, color=MUTED),
            ]
            if m.get("overdue_decisions"):
                rows.append(
                    ft.Text(
                        self.t("mt_overdue_n", n=m["overdue_decisions"]),
                        size=13,
                        color=ft.Colors.RED_700,
                    )
                )
            items.append(card(*rows, title=kind_name(m.get("kind", ""), self.lang)))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)
