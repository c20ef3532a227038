"""竞品上报 desk of area managers and managers (reps see their own customers'), opened from the
工作台 desk's chips: the competitor reports of the last 7, 31 or 90 days
(public.competitor_reports_list), per area and searched by brand, product or customer name. At a
desk (1000 px and wider) a table sorted by a tap on a heading; on a phone, cards."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.desk_parts import desk_table, refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, chips
from fieldapp.ui.widgets.table import Col, Sort

DAYS = (7, 31, 90)


class CompetitorsScreen(OnlineScreen):
    """Period and area chips, a search field, the reports."""

    offline_key = "cr_desk_tip"

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.days = 31
        self.area_id: str | None = None
        self.search = ""
        self.sort: Sort | None = None

    def title(self) -> str:
        """竞品上报."""
        return self.t("cr_desk_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> dict[str, Any]:
        """The reports of the period, area and search."""
        svc = self.phone.display
        return {
            "rows": svc.competitor_list(self.days, self.area_id, self.search),
            "areas": svc.areas(),
        }

    def content(self, data: dict[str, Any]) -> ft.Control:
        """Filters, then a table at a desk or cards on a phone."""
        wide = bool(getattr(self.shell, "wide", False))
        rows: list[dict[str, Any]] = data["rows"]
        search = ft.TextField(
            label=self.t("cr_search"),
            value=self.search,
            dense=True,
            prefix_icon=ft.Icons.SEARCH,
            on_submit=self._search,
        )
        top: list[ft.Control] = [
            chips([(str(n), self.t("cr_days", n=n)) for n in DAYS], str(self.days), self._days),
            chips(
                [(None, self.t("cr_all_areas"))]
                + [(a["id"], a.get("name", "")) for a in data["areas"]],
                self.area_id,
                self._area,
            ),
            search,
            ft.Text(self.t("cr_count", n=len(rows)), size=13, color=MUTED),
        ]
        if not rows:
            top.append(ft.Text(self.t("cr_empty"), color=MUTED))
        elif wide:
            top.append(card(self._table(rows), title=self.t("cr_desk_title")))
        else:
            top += [self._card(r) for r in rows]
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=top)

    def _card(self, r: dict[str, Any]) -> ft.Control:
        price = "" if r.get("shelf_price") is None else f" · {fmt.money(r['shelf_price'])}"
        facings = "" if r.get("facings") is None else f" · {self.t('cr_facings')} {r['facings']}"
        lines: list[ft.Control] = [
            ft.Text(
                f"{r.get('brand', '')} {r.get('product') or ''}{price}{facings}",
                size=15,
                weight=ft.FontWeight.W_600,
            ),
            ft.Text(
                " · ".join(
                    str(x)
                    for x in (
                        fmt.day(r.get("reported_on")),
                        r.get("customer_name"),
                        r.get("area_name"),
                        r.get("reported_by_name"),
                    )
                    if x
                ),
                size=13,
                color=MUTED,
            ),
        ]
        if r.get("promotion"):
            lines.append(ft.Text(f"{self.t('cr_promotion')}：{r['promotion']}", size=13))
        return card(*lines)

    def _table(self, rows: list[dict[str, Any]]) -> ft.Control:
        t = self.t
        shown = [
            {**r, "what": f"{r.get('brand', '')} {r.get('product') or ''}", "overdue": False}
            for r in rows
        ]
        cols = [
            Col("reported_on", t("cr_col_day"), show=fmt.day),
            Col("customer_name", t("cr_col_customer"), width=180),
            Col("area_name", t("cr_col_area")),
            Col("what", t("cr_col_brand"), width=180),
            Col(
                "shelf_price",
                t("cr_col_price"),
                numeric=True,
                show=lambda v: "" if v is None else fmt.money(v),
            ),
            Col("facings", t("cr_col_facings"), numeric=True),
            Col("promotion", t("cr_col_promo"), width=200),
            Col("reported_by_name", t("cr_col_rep")),
        ]
        return desk_table(self, cols, shown, lambda r: None)

    def _days(self, value: str | None) -> None:
        self.days = int(value) if value else 31
        self.reload()

    def _area(self, value: str | None) -> None:
        self.area_id = value
        self.reload()

    def _search(self, e: Any) -> None:
        self.search = e.control.value or ""
        self.reload()
