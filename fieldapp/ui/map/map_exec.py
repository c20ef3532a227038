"""The map's 高层拜访 layer: a chip turns it on; each customer with an executive visit planned
(purple star) or done in the last two months (green star) gets a mark above right of its own,
named for a screen reader (and a test) "高层拜访 <customer> <day> <status>"; a tap opens the
customer's sheet.
Drawn from the phone's store (executive_visits are synced to staff phones)."""

from __future__ import annotations

from typing import Any

import flet as ft
import flet_map as fm

from fieldapp.services import formatting as fmt
from fieldapp.services.exec_visits import STATUS

COLORS = {"planned": "#6A1B9A", "done": "#2E7D32"}
SIZE = 24


class ExecLayer:
    """The layer and its chip, owned by the map screen (fresh controls per build)."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.on = False
        self.layer = fm.MarkerLayer(markers=[])

    def fresh(self) -> fm.MarkerLayer:
        """A new layer for a rebuilt view, filled when the layer is on."""
        self.layer = fm.MarkerLayer(markers=self._marks() if self.on else [])
        return self.layer

    def chip(self) -> ft.Control:
        """The 高层拜访 toggle chip."""
        return ft.Chip(
            label=ft.Text(self.screen.t("ev_layer")),
            leading=ft.Icon(ft.Icons.STARS, color=COLORS["planned"], size=18),
            selected=self.on,
            on_select=self._toggle,
            show_checkmark=False,
            selected_color="#E9D5F5",
            tooltip=self.screen.t("ev_layer_tip"),
        )

    def _toggle(self, e: Any) -> None:
        self.on = not self.on
        self.layer.markers = self._marks() if self.on else []
        chip = e.control
        chip.selected = self.on
        with self.screen.shell.ui_lock:
            self.layer.update()
            chip.update()

    def _marks(self) -> list[fm.Marker]:
        screen = self.screen
        points = screen.svc.points()
        lang = screen.lang
        out: list[fm.Marker] = []
        for cid, v in screen.phone.exec_visits.on_map().items():
            p = points.get(cid)
            if p is None:
                continue  # no position on this phone
            status = str(v.get("status") or "planned")
            word = STATUS.get(status)
            day = v.get("done_on") if status == "done" else v.get("planned_on")
            label = screen.t(
                "ev_mark", name=p.name, day=fmt.day(day), status=word(lang) if word else status
            )
            out.append(
                fm.Marker(
                    coordinates=fm.MapLatitudeLongitude(p.lat, p.lng),
                    width=SIZE,
                    height=SIZE,
                    alignment=ft.Alignment.TOP_RIGHT,  # beside the customer's own mark
                    content=ft.Container(
                        width=SIZE,
                        height=SIZE,
                        shape=ft.BoxShape.CIRCLE,
                        bgcolor=ft.Colors.WHITE,
                        border=ft.Border.all(2, COLORS.get(status, "#6A1B9A")),
                        alignment=ft.Alignment.CENTER,
                        tooltip=label,
                        on_click=lambda e, p=p: screen._point_tapped(p),
                        content=ft.Icon(ft.Icons.STAR, size=15, color=COLORS.get(status)),
                    ),
                )
            )
        return out
