"""The sync status line that sits under every app bar: pending, last sync, progress, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.ui.strings import t


class SyncStrip:
    """One instance per view; the shell updates all of them from sync events."""

    def __init__(self, on_open: Callable[[Any], None]) -> None:
        self.icon = ft.Icon(ft.Icons.CLOUD_DONE_OUTLINED, size=18)
        self.text = ft.Text(
            "", size=13, expand=True, no_wrap=True, overflow=ft.TextOverflow.ELLIPSIS
        )
        self.badge = ft.Container(visible=False)
        self.bar = ft.ProgressBar(value=None, visible=False, height=3, semantics_label="sync")
        self.error = ft.Text(
            "",
            size=12,
            color=ft.Colors.ERROR,
            visible=False,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        )
        self.control = ft.Container(
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            padding=ft.Padding.only(left=12, right=8, top=6, bottom=4),
            on_click=on_open,
            content=ft.Column(
                spacing=2,
                controls=[
                    ft.Row(spacing=8, controls=[self.icon, self.text, self.badge]),
                    self.error,
                    self.bar,
                ],
            ),
        )

    def show(
        self,
        line: str,
        *,
        running: bool,
        progress: float | None,
        pending: int,
        error: str | None,
        conflicts: int,
        lang: str,
    ) -> None:
        """Put the current state on screen (call update() afterwards)."""
        self.text.value = line
        self.control.tooltip = t("sync_strip_tip", lang)
        if running:
            self.icon.name = ft.Icons.CLOUD_SYNC_OUTLINED
            self.icon.color = ft.Colors.PRIMARY
        elif error:
            self.icon.name = ft.Icons.CLOUD_OFF_OUTLINED
            self.icon.color = ft.Colors.ERROR
        elif pending:
            self.icon.name = ft.Icons.CLOUD_UPLOAD_OUTLINED
            self.icon.color = ft.Colors.AMBER_800
        else:
            self.icon.name = ft.Icons.CLOUD_DONE_OUTLINED
            self.icon.color = ft.Colors.GREEN_700
        self.bar.visible = running
        self.bar.value = progress
        self.error.visible = bool(error) and not running
        self.error.value = error or ""
        self.badge.visible = conflicts > 0
        self.badge.content = ft.Container(
            bgcolor=ft.Colors.ERROR,
            border_radius=10,
            padding=ft.Padding.symmetric(horizontal=6, vertical=1),
            content=ft.Text(
                t("sync_conflicts_badge", lang).format(n=conflicts),
                size=11,
                color=ft.Colors.ON_ERROR,
            ),
        )
