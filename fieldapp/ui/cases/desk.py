"""The case desk (售后工作台) of area managers and managers: open cases in their scope, overdue
first (public.case_desk), filtered by kind, found by customer, title or owner; tap one to act."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.cases import SEVERITIES
from fieldapp.ui.cases.case_parts import case_row
from fieldapp.ui.desk_parts import desk_switch, desk_table, overdue_col, refresh_action
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import FormState, chips, empty, heading
from fieldapp.ui.widgets.table import Col, Sort

KINDS = (
    "complaint",
    "return",
    "exchange",
    "repair",
    "packaging_exchange",
    "delivery_discrepancy",
    "incident",
)
SEARCHED = ("customer_name", "customer_code", "title", "owner_name")


class DeskScreen(OnlineScreen):
    """Filters, counts, the cases."""

    tab = "cases"
    offline_key = "dk_offline"
    refresh_on_sync = reload_on_sync = True
    split = True  # at a desk, a case opens beside the list

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.kind: str | None = None
        self.form = FormState()
        self.results = ft.Column()
        self.sort: Sort | None = None  # the table's sorted column (a desk-size window)

    def title(self) -> str:
        """售后工作台."""
        return self.t("dk_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> list[dict[str, Any]]:
        """The open cases in scope."""
        return self.phone.cases.desk()

    def content(self, rows: list[dict[str, Any]]) -> ft.Control:
        """Kind chips (with counts), a search box, then the list."""
        counts = {k: sum(1 for r in rows if r["kind"] == k) for k in KINDS}
        options: list[tuple[str | None, str]] = [
            (k, f"{self.t('case_kind_' + k)} {counts[k]}") for k in KINDS if counts[k]
        ]
        items: list[ft.Control] = [desk_switch(self, "cases")]
        if options:
            items.append(chips(options, self.kind, self._pick))
        items.append(
            self.form.field(
                "q", self.t("dk_search"), prefix_icon=ft.Icons.SEARCH, on_change=self._typed
            )
        )
        self.results = ft.Column(spacing=8, controls=self._results(rows))
        items.append(self.results)
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _results(self, rows: list[dict[str, Any]]) -> list[ft.Control]:
        """The heading with counts and the cases of the chosen kind matching the search."""
        q = self.form.get("q").strip().lower()
        shown = [
            r
            for r in rows
            if self.kind in (None, r["kind"])
            and (not q or any(q in str(r.get(k) or "").lower() for k in SEARCHED))
        ]
        overdue = sum(1 for r in shown if r["overdue"])
        head = heading(f"{self.t('dk_open', n=len(shown))} · {self.t('dk_overdue', n=overdue)}")
        if not shown:
            return [head, empty(self.t("dk_none"))]
        if self.shell.wide and not self.pane:
            return [head, self._table(shown)]
        return [head, *[self._row(r) for r in shown]]

    def _table(self, rows: list[dict[str, Any]]) -> ft.Control:
        """At a desk: every column sortable, the count and the overdue ones totalled."""
        t = self.t
        cols = [
            Col("customer_name", t("tb_customer")),
            Col("kind", t("tb_kind"), show=lambda k: t("case_kind_" + k)),
            Col("title", t("tb_title"), width=300),
            Col(
                "severity",
                t("tb_severity"),
                show=lambda s: t("case_severity_" + s),
                rank=SEVERITIES.index,
            ),
            Col("status", t("tb_status"), show=lambda s: t("case_status_" + s)),
            Col("opened_at", t("tb_opened"), show=fmt.day),
            Col("age_days", t("tb_days"), numeric=True),
            overdue_col(t, "cs_overdue"),
            Col("owner_name", t("tb_owner")),
        ]
        return desk_table(self, cols, rows, lambda r: self._open(str(r["id"])))

    def _open(self, case_id: str) -> None:
        """The case: beside the list at a desk, over it on a phone."""
        self.shell.open_beside(self, "case", case_id=case_id)

    def _typed(self, e: Any) -> None:
        """Only the list changes while a search is typed (see FormState.field)."""
        with self.shell.ui_lock:
            self.results.controls = self._results(self.data or [])
            self.results.update()

    def _row(self, r: dict[str, Any]) -> ft.Control:
        sub = self.t(
            "dk_line",
            customer=r.get("customer_name") or "",
            owner=r.get("owner_name") or self.t("cs_nobody"),
            days=r.get("age_days") or 0,
        )
        return case_row(r, self.t, self._open, sub)

    def _pick(self, kind: str | None) -> None:
        self.kind = kind
        self.refresh()
