"""客户意见汇总 for area managers and managers (online): per area, over the last 12 months, the
count of scored feedback, the average score, the share of low scores (1–2) and the visits whose
free-text feedback has no score, with the monthly trend as bars of the average. Every number is
the server's `feedback_summary` (one definition). At a desk the areas are a sortable table."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.desk_parts import refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, empty
from fieldapp.ui.widgets.table import Col, Sort, data_table

BAR_PX = 64  # the height of a 5-point bar


def _pct(v: Any) -> str:
    return "—" if v is None else f"{float(v) * 100:.0f}%"


def _avg(v: Any) -> str:
    return "—" if v is None else f"{float(v):.2f}"


class FeedbackSummaryScreen(OnlineScreen):
    """Totals per area and the monthly trend."""

    offline_key = "fs_offline"

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.sort: Sort | None = None

    def title(self) -> str:
        """客户意见汇总."""
        return self.t("fs_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> list[dict[str, Any]]:
        """The last 12 months of the caller's areas (public.feedback_summary)."""
        return self.phone.meetings.summary()

    def content(self, data: list[dict[str, Any]]) -> ft.Control:
        """The period, then the areas (a table at a desk), then a trend card per area."""
        totals = [r for r in data if r.get("month") is None]
        months = [r for r in data if r.get("month") is not None]
        if not totals:
            return ft.ListView(padding=12, controls=[empty(self.t("fs_none"))])
        first = min(r["month"] for r in months) if months else ""
        last = max(r["month"] for r in months) if months else ""
        items: list[ft.Control] = [
            ft.Text(self.t("fs_period", start=first[:7], end=last[:7]), size=13, color=MUTED)
        ]
        if getattr(self.shell, "wide", False):
            items.append(self._table(totals))
        for tot in totals:
            trend = [r for r in months if r["area_id"] == tot["area_id"]]
            items.append(self._area_card(tot, trend))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _table(self, totals: list[dict[str, Any]]) -> ft.Control:
        cols = [
            Col("area_name", self.t("fs_col_area")),
            Col("feedback_count", self.t("fs_col_count"), numeric=True, total=True),
            Col(
                "average_score",
                self.t("fs_col_avg"),
                numeric=True,
                show=_avg,
                rank=lambda v: float(v),
            ),
            Col(
                "low_share", self.t("fs_col_low"), numeric=True, show=_pct, rank=lambda v: float(v)
            ),
            Col("unscored", self.t("fs_col_unscored"), numeric=True, total=True),
        ]

        def resort(sort: Sort) -> None:
            self.sort = sort
            self.refresh()

        return data_table(
            cols, totals, self.sort, resort, lambda r: None, self.t("tb_total"), self.t("tb_cut")
        )

    def _area_card(self, tot: dict[str, Any], trend: list[dict[str, Any]]) -> ft.Control:
        facts = " · ".join(
            [
                self.t("fs_count", n=tot.get("feedback_count") or 0),
                self.t("fs_avg", v=_avg(tot.get("average_score"))),
                self.t("fs_low", p=_pct(tot.get("low_share"))),
            ]
        )
        rows: list[ft.Control] = [ft.Text(facts, size=14)]
        if tot.get("unscored"):
            rows.append(ft.Text(self.t("fs_unscored", n=tot["unscored"]), size=13, color=MUTED))
        rows.append(ft.Text(self.t("fs_trend"), size=13, color=MUTED))
        rows.append(self._bars(trend))
        return card(*rows, title=tot.get("area_name") or "—")

    def _bars(self, trend: list[dict[str, Any]]) -> ft.Control:
        """One bar per month: its height the average score, red when it is below 3."""
        bars: list[ft.Control] = []
        for r in sorted(trend, key=lambda x: x["month"]):
            avg = r.get("average_score")
            h = 2 if avg is None else max(2, round(float(avg) / 5 * BAR_PX))
            colour = ft.Colors.RED_400 if avg is not None and float(avg) < 3 else ft.Colors.PRIMARY
            label = f"{r['month'][5:7]}月 {_avg(avg)} ({r.get('feedback_count') or 0})"
            bars.append(
                ft.Column(
                    spacing=2,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    controls=[
                        ft.Text(_avg(avg), size=10),
                        ft.Container(
                            width=18, height=h, bgcolor=colour, border_radius=3, tooltip=label
                        ),
                        ft.Text(r["month"][5:7], size=10, color=MUTED),
                    ],
                )
            )
        return ft.Row(
            spacing=6,
            scroll=ft.ScrollMode.AUTO,
            vertical_alignment=ft.CrossAxisAlignment.END,
            controls=bars,
        )
