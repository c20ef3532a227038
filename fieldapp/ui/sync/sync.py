"""Sync (同步): what waits to be uploaded, the last sync, errors, and the conflicts list."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, big_button, card, empty, error_banner, labelled, pill


class SyncScreen(Screen):
    """The sync status in full, a sync button and what the server decided against the phone."""

    tab = "sync"
    refresh_on_sync = True
    shows_sync = True  # pending count, last sync, errors and the button change at every sync

    def title(self) -> str:
        """同步."""
        return self.t("tab_sync")

    def body(self) -> ft.Control:
        """Status card, sync button, conflicts."""
        sync = self.phone.sync
        st = sync.status()
        lang = self.lang
        facts = ft.ResponsiveRow(
            run_spacing=8,
            controls=[
                ft.Container(col=6, content=labelled(self.t("pending_changes"), str(st.pending))),
                ft.Container(
                    col=6,
                    content=labelled(
                        self.t("last_sync"),
                        f"{fmt.day(st.last_sync_at)} {fmt.clock(st.last_sync_at)}"
                        if st.last_sync_at
                        else self.t("never"),
                    ),
                ),
            ],
        )
        items: list[ft.Control] = [
            card(ft.Text(sync.line(lang, st), size=16, weight=ft.FontWeight.W_600), facts)
        ]
        error = sync.error(lang, st)
        if error:
            items.append(error_banner(error))
        items.append(
            big_button(
                self.t("sync_now"),
                self._sync,
                icon=ft.Icons.SYNC,
                tooltip=self.t("sync_now_tip"),
                disabled=st.running,
            )
        )
        conflicts = sync.conflicts()
        rows: list[ft.Control] = []
        for c in conflicts:
            color = ft.Colors.ERROR if c.status == "rejected" else ft.Colors.AMBER_800
            rows.append(
                ft.Container(
                    padding=ft.Padding.symmetric(vertical=6),
                    content=ft.Column(
                        spacing=2,
                        controls=[
                            ft.Row(
                                spacing=6,
                                controls=[
                                    pill(self.t(f"conflict_{c.status}"), color, filled=True),
                                    ft.Text(
                                        f"{c.what(lang)} · {fmt.day(c.at)} {fmt.clock(c.at)}",
                                        size=13,
                                        color=MUTED,
                                    ),
                                ],
                            ),
                            ft.Text(c.message(lang), size=14),
                            *([ft.Text(c.reason, size=12, color=MUTED)] if c.reason else []),
                        ],
                    ),
                )
            )
        items.append(
            card(
                *(rows or [empty(self.t("no_conflicts"), ft.Icons.VERIFIED_OUTLINED)]),
                title=self.t("conflicts_title", n=len(conflicts)),
            )
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _sync(self, e: Any) -> None:
        self.shell.request_sync()
        self.shell.toast(self.t("sync_started"))

    def on_shown(self) -> None:
        """Conflicts shown here count as seen."""
        self.phone.sync.mark_seen()
