"""The quadrant matrix (客户分类矩阵) of area managers and managers, opened from the 工作台 desk:
the latest classification of their areas (managers: the company, or an area picked above) as a
scatter of volume rank × loyalty with the two cut lines, the four quadrants with their counts and
the source document's policy, and the customers who changed quadrant since their previous
classification (from → to; a tap opens the customer card). At a desk (1000 px and wider) the
scatter and the quadrants sit beside the movers, which are a table sorted by a tap on a header,
with totals; on a phone everything is one column."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.desk_parts import refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.warnings import matrix_parts as parts
from fieldapp.ui.widgets import MUTED, chips, empty
from fieldapp.ui.widgets.table import Sort

RAIL_PX = 100  # the navigation rail and the gaps beside the panes at a desk
PLOT_MAX = (640.0, 420.0)  # the scatter's largest size


def plot_size(width: float, wide: bool) -> tuple[float, float]:
    """The scatter's size for a window width: the left pane at a desk, the screen on a phone."""
    room = (width - RAIL_PX) * 0.55 - 24 if wide else width - 24
    w = max(240.0, min(PLOT_MAX[0], room))
    return w, min(PLOT_MAX[1], round(w * 0.72))


def build(
    data: dict[str, Any],
    t: parts.T,
    *,
    width: float,
    wide: bool,
    sort: Sort | None = None,
    on_sort: Any = None,
    open_card: Any = None,
    area_filter: ft.Control | None = None,
) -> ft.Control:
    """The screen's content for the server's answer (also what the benchmark builds)."""
    on_sort = on_sort or (lambda sort: None)
    open_card = open_card or (lambda cid: None)
    top: list[ft.Control] = [] if area_filter is None else [area_filter]
    if not data.get("as_of"):
        return ft.ListView(padding=12, controls=[*top, empty(t("qm_none"))])
    n = f"{int(data.get('total') or 0):,}"
    when = (
        t("qm_as_of_prev", as_of=data["as_of"], n=n, prev=data["previous_as_of"])
        if data.get("previous_as_of")
        else t("qm_as_of", as_of=data["as_of"], n=n)
    )
    top.append(ft.Text(when, size=13, color=MUTED))
    w, h = plot_size(width, wide)
    left: list[ft.Control] = [*top, parts.scatter(data, t, w, h)]
    if data.get("mode") == "grid":
        left.append(ft.Text(t("qm_grid_note"), size=12, color=MUTED))
    left.append(parts.quadrant_cards(data, t))
    movers = data.get("movers") or []  # the server's order: the worst destination first
    right: list[ft.Control] = [parts.movers_heading(data, t), parts.pairs(data, t)]
    if wide:
        right.append(parts.mover_table(movers, t, sort, on_sort, open_card))
        pane = ft.Padding.all(12)
        return ft.Row(
            expand=True,
            spacing=0,
            vertical_alignment=ft.CrossAxisAlignment.START,
            controls=[
                ft.ListView(expand=11, padding=pane, spacing=8, controls=left),
                ft.VerticalDivider(width=1),
                ft.ListView(expand=9, padding=pane, spacing=8, controls=right),
            ],
        )
    right += parts.mover_list(movers, t, open_card)
    return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=[*left, *right])


class QuadrantMatrixScreen(OnlineScreen):
    """Area filter (managers, or area managers of several areas), scatter, quadrants, movers."""

    offline_key = "qm_offline"
    refresh_on_sync = False  # the classification changes monthly, not by a sync

    def __init__(self, shell: Any, area_id: str | None = None) -> None:
        super().__init__(shell)
        self.area_id = area_id
        self.sort: Sort | None = None  # the movers' table (a desk-size window)

    def title(self) -> str:
        """客户分类矩阵."""
        return self.t("qm_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> dict[str, Any]:
        """The matrix of the chosen scope."""
        return self.phone.quadrant_matrix.matrix(self.area_id)

    def content(self, data: dict[str, Any]) -> ft.Control:
        """Built by build() for the window's width."""
        return build(
            data,
            self.t,
            width=float(self.shell.page.width or 390),
            wide=bool(getattr(self.shell, "wide", False)),
            sort=self.sort,
            on_sort=self._sort,
            open_card=lambda cid: self.shell.open("customer_card", customer_id=cid),
            area_filter=self._areas(data),
        )

    def _areas(self, data: dict[str, Any]) -> ft.Control | None:
        """全公司 (or 我的区域) and one chip per area with its customers, when there is a choice."""
        areas = data.get("areas") or []
        manager = self.phone.user is not None and self.phone.user.role == "manager"
        if not manager and len(areas) < 2:
            return None
        everyone = self.t("qm_company" if manager else "qm_mine")
        options: list[tuple[str | None, str]] = [(None, everyone)]
        options += [(a["id"], f"{a['name']} {int(a['customers']):,}") for a in areas]
        return chips(options, self.area_id, self._pick)

    def _pick(self, area_id: str | None) -> None:
        if area_id != self.area_id:
            self.area_id = area_id
            self.reload()

    def _sort(self, sort: Sort) -> None:
        """A heading tapped: sort by it; tapped again: the other way."""
        self.sort = sort
        self.refresh()
