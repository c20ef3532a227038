"""The warnings desk (预警处理) of area managers and managers: the open warnings in their scope,
overdue first (public.warning_desk), each with its one-sentence reason; filtered by kind,
severity, age and overdue, found by customer, rep, area or owner; tap one to work it. It shares
the 工作台 tab with the case desk (the chips at the top switch between them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.services.warning_desk import AGE_BUCKETS, DeskFilter, age_bucket
from fieldapp.ui.customers.scorecard_parts import due_button
from fieldapp.ui.desk_parts import desk_switch, desk_table, overdue_col, refresh_action
from fieldapp.ui.eliminate_parts import desk_requests
from fieldapp.ui.meetings.decision_parts import decisions_section
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    card,
    chips,
    empty,
    heading,
    pill,
    severity_color,
)
from fieldapp.ui.widgets.table import Col, Sort

SEARCHED = ("customer_name", "customer_code", "rep_name", "area_name", "owner_name")
SEVERITIES = ("high", "medium", "low")


class WarningDeskScreen(OnlineScreen):
    """Switch, filters with counts, search, the warnings."""

    tab = "cases"  # the 工作台 tab, shared with the case desk
    offline_key = "wd_offline"
    refresh_on_sync = reload_on_sync = True
    split = True  # at a desk, a warning opens beside the list

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.filter = DeskFilter()
        self.form = FormState()
        self.results = ft.Column()
        self.sort: Sort | None = None  # the table's sorted column (a desk-size window)
        self.current: str | None = None  # the warning open beside the list

    def title(self) -> str:
        """预警处理."""
        return self.t("wd_title")

    def actions(self) -> list[ft.Control]:
        """Fetch again."""
        return [refresh_action(self)]

    def load(self) -> list[dict[str, Any]]:
        """The open warnings in scope, with their sentences in the app's language."""
        return self.phone.warning_desk.desk(lang=self.lang)

    def content(self, rows: list[dict[str, Any]]) -> ft.Control:
        """Filters (each with its count), search, then the list."""
        f = self.filter
        kinds = {k: sum(1 for r in rows if r["kind"] == k) for k in legend.WARNING_KINDS}
        name = 1 if self.lang == "en" else 0
        switch = desk_switch(self, "warnings")
        due = due_button(self)  # 待评价: the area manager's scorecards due
        items: list[ft.Control] = [
            switch if due is None else ft.Row([ft.Container(expand=True, content=switch), due])
        ]
        eliminations = desk_requests(self)  # 淘汰申请: managers confirm or refuse
        if eliminations is not None:
            items.append(eliminations)
        items += decisions_section(self)  # the signed-in person's overdue meeting decisions
        kind_options = [(k, f"{legend.WARNING_KINDS[k][name]} {n}") for k, n in kinds.items() if n]
        if kind_options:
            items.append(chips(kind_options, _one(f.kinds), lambda k: self._set(kinds=k)))
        overdue = sum(1 for r in rows if r["overdue"])
        # severity and age: only the values some warning has (with how many)
        levels = {s: sum(1 for r in rows if r["severity"] == s) for s in SEVERITIES}
        buckets = [age_bucket(r["age_days"]) for r in rows]
        ages = {k: buckets.count(k) for k, _last, _label in AGE_BUCKETS}
        age_names = {key: label(self.lang) for key, _last, label in AGE_BUCKETS}
        items.append(
            chips(
                [(s, f"{self.t('wd_sev_' + s)} {n}") for s, n in levels.items() if n]
                + [(f"age:{k}", f"{age_names[k]} {n}") for k, n in ages.items() if n],
                _one(f.severities) or (f"age:{_one(f.ages)}" if f.ages else None),
                self._pick_level,
            )
        )
        items.append(
            chips(
                [("overdue", self.t("wd_overdue_only", n=overdue))],
                "overdue" if f.overdue_only else None,
                lambda v: self._set(overdue=v),
            )
        )
        items.append(
            self.form.field(
                "q", self.t("wd_search"), prefix_icon=ft.Icons.SEARCH, on_change=self._typed
            )
        )
        self.results = ft.Column(spacing=8, controls=self._results(rows))
        items.append(self.results)
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _pick_level(self, value: str | None) -> None:
        """One chip row for severity and age: choosing one clears the other."""
        if value and value.startswith("age:"):
            self._set(ages=value[4:], severities=None)
        else:
            self._set(severities=value, ages=None)

    def _set(self, **values: Any) -> None:
        f = self.filter
        one = {k: frozenset([v]) if v else frozenset() for k, v in values.items() if k != "overdue"}
        self.filter = DeskFilter(
            kinds=one.get("kinds", f.kinds),
            severities=one.get("severities", f.severities),
            ages=one.get("ages", f.ages),
            overdue_only=bool(values["overdue"]) if "overdue" in values else f.overdue_only,
        )
        self.refresh()

    def _results(self, rows: list[dict[str, Any]]) -> list[ft.Control]:
        q = self.form.get("q").strip().lower()
        shown = [
            r
            for r in rows
            if self.filter.keeps(r)
            and (not q or any(q in str(r.get(k) or "").lower() for k in SEARCHED))
        ]
        late = sum(1 for r in shown if r["overdue"])
        head = heading(f"{self.t('wd_open', n=len(shown))} · {self.t('dk_overdue', n=late)}")
        if not shown:
            return [head, empty(self.t("wd_none"))]
        if self.shell.wide and not self.pane:
            return [head, self._table(shown)]
        return [head, *[self._row(r) for r in shown]]

    def _table(self, rows: list[dict[str, Any]]) -> ft.Control:
        """At a desk: every column sortable, the count and the overdue ones totalled."""
        cols = desk_columns(self.t, self.lang)
        return desk_table(self, cols, rows, lambda r: self._open(r["id"]))

    def _open(self, warning_id: str) -> None:
        """The warning: beside the list at a desk, over it on a phone."""
        self.current = warning_id
        self.shell.open_beside(self, "warning", warning_id=warning_id)

    def _typed(self, e: Any) -> None:
        """Only the list changes while a search is typed (see FormState.field)."""
        with self.shell.ui_lock:
            self.results.controls = self._results(self.data or [])
            self.results.update()

    def _row(self, r: dict[str, Any]) -> ft.Control:
        name = 1 if self.lang == "en" else 0
        kind = legend.WARNING_KINDS.get(r["kind"], (r["kind"], r["kind"]))[name]
        pills: list[ft.Control] = [
            pill(self.t("wd_sev_" + r["severity"]), severity_color(r["severity"]))
        ]
        if r["overdue"]:
            pills.append(pill(self.t("wd_overdue"), ft.Colors.RED_700, filled=True))
        sub = self.t(
            "wd_line",
            owner=r.get("owner_name") or self.t("cs_nobody"),
            rep=r.get("rep_name") or "—",
            days=r.get("age_days") or 0,
        )
        chosen = self.pane and r["id"] == self.current
        return ft.Container(
            on_click=lambda e, wid=r["id"]: self._open(wid),
            border=ft.Border.all(2, ft.Colors.PRIMARY) if chosen else None,
            border_radius=12,
            tooltip=self.t("wd_open_tip", customer=r.get("customer_name") or "", kind=kind),
            content=card(
                ft.Row(
                    spacing=6,
                    controls=[
                        ft.Text(
                            f"{r.get('customer_name') or ''} · {kind}",
                            size=15,
                            weight=ft.FontWeight.W_600,
                            expand=True,
                        ),
                        *pills,
                    ],
                ),
                ft.Text(r.get("message") or "", size=14),
                ft.Text(sub, size=12, color=MUTED),
            ),
        )


def desk_columns(t: Callable[..., str], lang: str) -> list[Col]:
    """The desk table's columns (also what the benchmark builds)."""
    name = 1 if lang == "en" else 0
    return [
        Col("customer_name", t("tb_customer")),
        Col("kind", t("tb_kind"), show=lambda k: legend.WARNING_KINDS[k][name]),
        Col("severity", t("tb_severity"), show=lambda s: t("wd_sev_" + s), rank=SEVERITIES.index),
        Col("message", t("tb_reason"), width=320),
        Col("age_days", t("tb_days"), numeric=True),
        Col("due_on", t("tb_due")),
        overdue_col(t, "wd_overdue"),
        Col("owner_name", t("tb_owner")),
        Col("rep_name", t("tb_rep")),
        Col("area_name", t("tb_area")),
    ]


def _one(values: frozenset[str]) -> str | None:
    """The chosen chip of a one-choice filter."""
    return next(iter(values), None)
