"""Customers (客户): search and filters over the local outlets, grouped by dealer."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.customers import GRADES, QUADRANTS, TIERS, CustomerFilter, CustomerRow
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, empty, grade_pill, severity_color

PAGE = 60


class CustomersScreen(Screen):
    """Find a customer fast; in pick mode a tap starts an unplanned visit."""

    tab = "customers"
    refresh_on_sync = True

    def __init__(self, shell: Any, *, pick_for_visit: bool = False) -> None:
        super().__init__(shell)
        self.pick = pick_for_visit
        if pick_for_visit:
            self.tab = None
        self.flt = CustomerFilter()
        self.limit = PAGE
        # built afresh with each view (a control must not move into a rebuilt view)
        self.results = ft.Column(spacing=0)
        self.footer = ft.Text("")
        self.filters = ft.Column(spacing=6)

    def title(self) -> str:
        """客户, or the picker's title."""
        return self.t("pick_customer_title" if self.pick else "tab_customers")

    def fab(self) -> ft.FloatingActionButton | None:
        """New outlet, within thumb reach."""
        if self.pick:
            return None
        return ft.FloatingActionButton(
            icon=ft.Icons.ADD_BUSINESS,
            content=self.t("new_outlet"),
            tooltip=self.t("new_outlet_tip"),
            on_click=self._new_outlet,
        )

    def body(self) -> ft.Control:
        """Search box, filter chips, the grouped results."""
        search = ft.TextField(
            label=self.t("search_label"),
            value=self.flt.text,
            prefix_icon=ft.Icons.SEARCH,
            dense=True,
            on_change=self._typed,
            on_submit=self._typed,
        )
        self.results = ft.Column(spacing=0)
        self.footer = ft.Text("", size=12, color=MUTED)
        self.filters = ft.Column(spacing=6)
        self._fill_filters()
        self._fill_results()
        return ft.ListView(
            padding=ft.Padding.only(left=12, right=12, top=10, bottom=88),
            spacing=6,
            controls=[search, self.filters, self.footer, self.results],
        )

    # -- filters --------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        f = self.flt
        options: list[tuple[str, str, bool]] = [
            (f"tier:{k}", v(self.lang), f.tier == k) for k, v in TIERS.items()
        ]
        options.append(("warning", self.t("filter_warning"), f.warning))
        options += [(f"grade:{g}", self.t("grade_chip", g=g), f.grade == g) for g in GRADES]
        options += [(f"quadrant:{k}", v(self.lang), f.quadrant == k) for k, v in QUADRANTS.items()]
        # tiers and warnings, grades, quadrants: a row each, wrapping rather than hiding chips
        rows = (options[:4], options[4 : 4 + len(GRADES)], options[4 + len(GRADES) :])
        self.filters.controls = [self._chip_row(r) for r in rows]

    def _chip_row(self, options: list[tuple[str, str, bool]]) -> ft.Control:
        return ft.Row(
            wrap=True,
            spacing=6,
            run_spacing=6,
            controls=[
                ft.Chip(
                    label=label,
                    selected=on,
                    on_select=self._toggle(key),
                    show_checkmark=False,
                    selected_color=ft.Colors.PRIMARY_CONTAINER,
                    visual_density=ft.VisualDensity.COMPACT,
                    leading=ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, size=16)
                    if key == "warning"
                    else None,
                )
                for key, label, on in options
            ],
        )

    def _toggle(self, key: str) -> Any:
        def flip(e: Any) -> None:
            f = self.flt
            kind, _, value = key.partition(":")
            tier, grade, quadrant, warning = f.tier, f.grade, f.quadrant, f.warning
            if kind == "tier":
                tier = None if f.tier == int(value) else int(value)
            elif kind == "grade":
                grade = None if f.grade == value else value
            elif kind == "quadrant":
                quadrant = None if f.quadrant == value else value
            else:
                warning = not f.warning
            self.flt = CustomerFilter(f.text, tier, grade, quadrant, warning)
            self.limit = PAGE
            self._update()

        return flip

    def _typed(self, e: Any) -> None:
        ft.context.disable_auto_update()  # only the results change (see FormState.field)
        f = self.flt
        self.flt = CustomerFilter(e.control.value or "", f.tier, f.grade, f.quadrant, f.warning)
        self.limit = PAGE
        self._update(filters=False)

    def _update(self, *, filters: bool = True) -> None:
        if filters:
            self._fill_filters()
        self._fill_results()
        with self.shell.ui_lock:
            if filters:
                self.filters.update()
            self.results.update()
            self.footer.update()

    # -- results --------------------------------------------------------------------------------

    def _fill_results(self) -> None:
        result = self.phone.customers.search(
            self.flt, limit=self.limit, here=self.shell.locator.fix
        )
        rows: list[ft.Control] = [self._row(r) for r in result.rows]
        if not rows:
            rows.append(empty(self.t("no_customers"), ft.Icons.SEARCH_OFF))
        if result.more:
            rows.append(
                ft.TextButton(
                    content=self.t("show_more"), on_click=self._more, tooltip=self.t("show_more")
                ),
            )
        self.results.controls = rows
        more = self.t("results_more") if result.more else ""
        self.footer.value = self.t(
            "results_footer", n=result.matched, more=more, ms=f"{result.ms:.0f}"
        )

    def _more(self, e: Any) -> None:
        self.limit += PAGE
        self._update(filters=False)

    def _row(self, r: CustomerRow) -> ft.Control:
        c = r.customer
        tier = TIERS.get(c.get("tier") or 3)
        meta = [c.get("code") or "", tier(self.lang) if tier else ""]
        if r.distance_m is not None:
            meta.append(fmt.distance(r.distance_m, self.lang))
        trailing: list[ft.Control] = []
        if r.warnings:
            trailing.append(
                ft.Row(
                    spacing=2,
                    controls=[
                        ft.Icon(
                            ft.Icons.WARNING_AMBER_ROUNDED, size=18, color=severity_color("high")
                        ),
                        ft.Text(str(r.warnings), size=12, color=severity_color("high")),
                    ],
                )
            )
        g = grade_pill(c.get("grade"), self.lang)
        if g is not None:
            trailing.append(g)
        indent = 14 * r.depth
        title = ft.Text(
            c.get("name") or "",
            size=15 if r.matched else 13,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
            weight=ft.FontWeight.W_600 if r.matched else None,
            color=None if r.matched else MUTED,
        )
        return ft.Container(
            padding=ft.Padding.only(left=indent),
            content=ft.ListTile(
                dense=not r.matched,
                leading=ft.Icon(
                    _TIER_ICONS.get(c.get("tier") or 3), color=MUTED if not r.matched else None
                ),
                title=title,
                subtitle=ft.Text(" · ".join(x for x in meta if x), size=12),
                trailing=ft.Row(tight=True, spacing=6, controls=trailing) if trailing else None,
                on_click=self._open(c["id"]),
                content_padding=ft.Padding.only(left=4, right=4),
            ),
        )

    def _open(self, customer_id: str) -> Any:
        def go(e: Any) -> None:
            if self.pick:
                self.shell.open("visit", replace=True, customer_id=customer_id)
            else:
                self.shell.open("customer_card", customer_id=customer_id)

        return go

    def _new_outlet(self, e: Any) -> None:
        self.shell.open("new_outlet")


_TIER_ICONS = {
    1: ft.Icons.WAREHOUSE_OUTLINED,
    2: ft.Icons.LOCAL_SHIPPING_OUTLINED,
    3: ft.Icons.STOREFRONT_OUTLINED,
}
